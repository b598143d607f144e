// After the close, in the room the roster seats an official in: the Berita Acara's summary (the
// draft the official signs: agreements and value signed, the signing time) and a signing pad per
// official of this room. The minutes are sealed once every official has signed (or the organizer
// finished them without); then the sealed PDF is one tap away.
import { useState } from 'react';
import type { Ceremony, Tally, TimeZoneName } from '../../shared/domain/types';
import { beritaAcaraStage, officialSignatureOf } from '../../shared/domain/berita-acara-signing';
import type { Ack } from '../../shared/protocol/ack';
import type { TSignatureInput } from '../../shared/protocol/schemas';
import { formatRupiah } from '../../shared/format/rupiah';
import { formatLocalDate, formatLocalTime } from '../../shared/format/time';
import { useI18n } from '../ui/i18n-context';
import { SigningPad } from './signing-pad';

export interface BeritaAcaraSignerProps {
  ceremony: Ceremony;
  tally: Tally;
  roomId: string;
  zone: TimeZoneName;
  canSign: boolean;
  sign(officialId: string, signature: TSignatureInput): Promise<Ack<unknown>>;
}

export function BeritaAcaraSigner({ ceremony, tally, roomId, zone, canSign, sign }: BeritaAcaraSignerProps) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const stage = beritaAcaraStage(ceremony);
  const mine = (ceremony.officials ?? []).filter((o) => o.room === roomId);
  if (ceremony.phase !== 'closed' || mine.length === 0 || stage === 'no-officials') return null;
  const stageZone = ceremony.rooms.find((r) => r.isStage)?.timezone ?? zone;
  const { signingStartedAt, closedAt } = ceremony.timeline;
  const sealed = stage === 'signed' || stage === 'finished-without';
  const pdf = `/api/ceremonies/${encodeURIComponent(ceremony.id)}/berita-acara.pdf`;

  async function submit(officialId: string, signature: TSignatureInput) {
    setBusy(officialId);
    setError(undefined);
    try {
      const result = await sign(officialId, signature);
      if (!result.ok) setError(lang === 'id' ? result.error.message : result.error.messageEn);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="panel ba-signer" aria-labelledby="ba-signer-title" data-testid="berita-acara-signer" data-stage={stage}>
      <h2 id="ba-signer-title" className="panel__title">{t('ba.title')}</h2>
      {sealed ? null : <p>{t('ba.intro')}</p>}
      <h3>{t('ba.summary')}</h3>
      <dl className="ba-signer__summary">
        <div><dt>{t('ba.agreements')}</dt><dd>{t('ba.agreementsValue', { signed: tally.agreementsSigned, total: tally.agreementsTotal })}</dd></div>
        <div><dt>{t('ba.value')}</dt><dd>{formatRupiah(tally.valueSignedIdr)}</dd></div>
        <div>
          <dt>{t('ba.period')}</dt>
          <dd>
            {signingStartedAt ? `${formatLocalDate(signingStartedAt, stageZone, lang)}, ${formatLocalTime(signingStartedAt, stageZone)}` : '—'}
            {closedAt ? ` – ${formatLocalTime(closedAt, stageZone)}` : ''}
          </dd>
        </div>
        <div className="ba-signer__wide">
          <dt>{t('ba.signers')}</dt>
          <dd>{(ceremony.officials ?? []).map((o) => `${o.name} (${o.title})`).join('; ')}</dd>
        </div>
      </dl>
      {error ? <p className="desk-card__error" role="alert">{error}</p> : null}
      {mine.map((o) => {
        const signature = officialSignatureOf(ceremony, o.id);
        return (
          <div key={o.id} className="party-signer" data-official={o.id} data-signed={signature ? 'yes' : 'no'}>
            <h4 className="party-signer__who">{t('ba.for', { name: o.name, title: o.title })}</h4>
            {signature ? (
              <p className="ba-signer__done" role="status">{t('ba.done', { time: formatLocalTime(signature.signedAt, signature.timezone) })}</p>
            ) : stage === 'finished-without' ? (
              <p className="cell-sub">{t('ba.finished')}</p>
            ) : (
              <SigningPad
                partyName={o.institution ?? o.title}
                signerName={o.name}
                busy={busy === o.id}
                disabled={!canSign}
                declaration={t('ba.declaration', { name: `${o.name}, ${o.title}` })}
                confirmLabel={t('ba.confirm')}
                onConfirm={(signature) => submit(o.id, signature)}
              />
            )}
          </div>
        );
      })}
      {sealed ? (
        <p className="button-row">
          <span>{t('ba.ready')}</span>
          <a className="button button--secondary" href={pdf} target="_blank" rel="noopener">{t('ba.open')}</a>
        </p>
      ) : null}
    </section>
  );
}
