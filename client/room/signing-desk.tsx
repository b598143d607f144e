// The room's signing desk: every called agreement with a party seated here gets a card with the
// pad; after confirming, the card shows the acknowledgement and, once stamped, the PDF.
import { useState } from 'react';
import type { Agreement, TimeZoneName } from '../../shared/domain/types';
import type { Ack } from '../../shared/protocol/ack';
import type { TSignatureInput } from '../../shared/protocol/schemas';
import type { SignResult } from '../../shared/protocol/views';
import { formatLocalTime } from '../../shared/format/time';
import type { CeremonyIndex } from '../lib/ceremony-index';
import { useI18n } from '../ui/i18n-context';
import { AgreementSummary } from './agreement-card';
import { DocumentPreview } from './document-preview';
import { SigningPad } from './signing-pad';

export type SignAction = (agreementId: string, partyId: string, signature: TSignatureInput) => Promise<Ack<SignResult>>;

export interface SigningDeskProps {
  ceremonyId: string;
  roomId: string;
  zone: TimeZoneName;
  agreements: Agreement[];
  index: CeremonyIndex;
  canSign: boolean;
  sign: SignAction;
}

export function SigningDesk({ ceremonyId, roomId, zone, agreements, index, canSign, sign }: SigningDeskProps) {
  const { t, lang } = useI18n();
  const [signedHere, setSignedHere] = useState<string[]>([]);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [busy, setBusy] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const seatedHere = (partyId: string) => index.parties.get(partyId)?.room === roomId;
  const onDesk = agreements.filter(
    (a) => !dismissed.includes(a.id) && ((a.status === 'called' && a.parties.some(seatedHere)) || signedHere.includes(a.id)),
  );

  async function confirm(agreement: Agreement, partyId: string, signature: TSignatureInput) {
    setBusy(agreement.id);
    setErrors(({ [agreement.id]: _dropped, ...rest }) => rest);
    try {
      const result = await sign(agreement.id, partyId, signature);
      if (result.ok) setSignedHere((ids) => (ids.includes(agreement.id) ? ids : [...ids, agreement.id]));
      else setErrors((e) => ({ ...e, [agreement.id]: lang === 'id' ? result.error.message : result.error.messageEn }));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="panel signing-desk" aria-labelledby="desk-title">
      <h2 id="desk-title" className="panel__title">{t('room.desk')}</h2>
      {onDesk.length === 0 ? <p className="panel__empty">{t('room.deskIdle')}</p> : null}
      {onDesk.map((agreement) => {
        const nextParty = agreement.status === 'called' ? agreement.parties.find((id) => seatedHere(id) && !agreement.signatures[id]) : undefined;
        const party = nextParty ? index.parties.get(nextParty) : undefined;
        const mySignatures = agreement.parties.filter(seatedHere).map((id) => agreement.signatures[id]).filter((s) => s !== undefined);
        const lastMine = mySignatures.sort((a, b) => a.signedAt.localeCompare(b.signedAt)).at(-1);
        return (
          <article key={agreement.id} className="desk-card" data-agreement={agreement.id} data-status={agreement.status}>
            <AgreementSummary agreement={agreement} index={index} zone={zone} roomId={roomId} />
            {lastMine && signedHere.includes(agreement.id) ? (
              <p className="desk-card__ack" role="status">
                {t('room.ack', { time: formatLocalTime(lastMine.signedAt, zone, true) })}{' '}
                {agreement.status === 'called' && !nextParty ? t('room.ackOthers') : null}
                {agreement.status === 'signed' ? t('room.ackStamping') : null}
              </p>
            ) : null}
            {party && nextParty ? (
              <div className="desk-card__sign">
                <h4 className="desk-card__signer">
                  {t('room.signFor', { party: party.name })}
                  <span>
                    {t('room.signer')}: {party.representative.name}, {party.representative.title}
                  </span>
                </h4>
                <SigningPad
                  key={`${agreement.id}:${nextParty}`}
                  partyName={party.name}
                  signerName={party.representative.name}
                  busy={busy === agreement.id}
                  disabled={!canSign}
                  onConfirm={(signature) => confirm(agreement, nextParty, signature)}
                />
              </div>
            ) : null}
            {errors[agreement.id] ? (
              <p className="desk-card__error" role="alert">
                {errors[agreement.id]}
              </p>
            ) : null}
            {agreement.status === 'stamped' ? <DocumentPreview ceremonyId={ceremonyId} agreementId={agreement.id} title={agreement.title} /> : null}
            {agreement.status !== 'called' ? (
              <button type="button" className="button button--quiet" onClick={() => setDismissed((d) => [...d, agreement.id])}>
                {t('room.dismiss')}
              </button>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
