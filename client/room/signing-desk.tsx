// The room's signing desk, one agreement at a time ("Perjanjian 3 dari 17"), with Previous/Next
// and a list to jump. Each shows its number, parties, value and the agreement text; each party
// seated here signs with the signature its representative adopted once. What the room has
// signed stays listed with its stamped PDF for the whole ceremony, reload or not.
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Agreement, Party, TimeZoneName } from '../../shared/domain/types';
import type { Ack } from '../../shared/protocol/ack';
import type { TSignatureInput } from '../../shared/protocol/schemas';
import type { SignResult } from '../../shared/protocol/views';
import { formatLocalTime } from '../../shared/format/time';
import { documentUrl, type CeremonyIndex } from '../lib/ceremony-index';
import { forgetCeremonySignatures, loadAdopted, saveAdopted } from '../lib/signature-store';
import { useI18n } from '../ui/i18n-context';
import { AgreementSummary } from './agreement-card';
import { deskItems, nextToSign, type DeskItem } from './desk-model';
import { PartySigner } from './party-signer';

const AgreementReader = lazy(() => import('./agreement-reader'));

export type SignAction = (agreementId: string, partyId: string, signature: TSignatureInput) => Promise<Ack<SignResult>>;

export interface SigningDeskProps {
  ceremony: { id: string; title: string; startsAt: string; phase: string };
  roomId: string;
  zone: TimeZoneName;
  agreements: Agreement[];
  index: CeremonyIndex;
  canSign: boolean;
  sign: SignAction;
}

export function SigningDesk({ ceremony, roomId, zone, agreements, index, canSign, sign }: SigningDeskProps) {
  const { t, lang } = useI18n();
  const isHere = (partyId: string) => index.parties.get(partyId)?.room === roomId;
  const items = useMemo(() => deskItems(agreements, isHere), [agreements, index, roomId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [currentId, setCurrentId] = useState<string>();
  /** Chosen with Previous/Next/jump: stays put; otherwise a finished agreement gives way to the next. */
  const [pinned, setPinned] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [adopted, setAdopted] = useState<Record<string, TSignatureInput>>({});
  const [readerOpen, setReaderOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Bumped after each confirmation: the heading of whatever is at the desk then takes focus. (The
  // agreement's broadcast often lands before the ack, so the card may already have moved on.)
  const [focusRequest, setFocusRequest] = useState(0);
  const jumpId = useId();

  // Adopted signatures of this tab's representatives, read once; forgotten when the ceremony closes.
  useEffect(() => {
    if (ceremony.phase === 'closed') {
      forgetCeremonySignatures(ceremony.id);
      setAdopted({});
    }
  }, [ceremony.phase, ceremony.id]);
  const adoptedFor = (partyId: string) => adopted[partyId] ?? (ceremony.phase === 'closed' ? undefined : loadAdopted(ceremony.id, partyId));

  const open = items.filter((i) => !i.done);
  const chosen = items.find((i) => i.agreement.id === currentId);
  const current: DeskItem | undefined = (pinned || !chosen?.done ? chosen : undefined) ?? open[0] ?? chosen ?? items[items.length - 1];
  const position = current ? items.indexOf(current) : -1;

  useEffect(() => {
    if (focusRequest > 0) headingRef.current?.focus();
  }, [focusRequest]);

  async function signFor(item: DeskItem, partyId: string, signature: TSignatureInput, adopt: boolean) {
    if (adopt) {
      saveAdopted(ceremony.id, partyId, signature);
      setAdopted((a) => ({ ...a, [partyId]: signature }));
    }
    setBusy(`${item.agreement.id}/${partyId}`);
    setError(undefined);
    try {
      const result = await sign(item.agreement.id, partyId, signature);
      if (!result.ok) {
        setError(lang === 'id' ? result.error.message : result.error.messageEn);
        return;
      }
      const stillHere = item.pending.filter((id) => id !== partyId && !result.data.agreement.signatures[id]);
      // Done here: move on to the next agreement still waiting for this room.
      if (stillHere.length === 0) {
        setPinned(false);
        setCurrentId(nextToSign(items, item.agreement.id) ?? item.agreement.id);
      }
      setFocusRequest((n) => n + 1);
    } finally {
      setBusy(undefined);
    }
  }

  const go = (id: string | undefined) => {
    if (!id) return;
    setPinned(true);
    setCurrentId(id);
    setError(undefined);
  };

  const done = items.filter((i) => i.done);
  return (
    <section className="panel signing-desk" aria-labelledby="desk-title" data-testid="signing-desk" data-open={open.length}>
      <h2 id="desk-title" className="panel__title">{t('room.desk')}</h2>
      {items.length === 0 ? <p className="panel__empty">{t('room.deskIdle')}</p> : null}
      {current ? (
        <>
          <nav className="desk-nav" aria-label={t('desk.nav')}>
            <button type="button" className="button button--small button--quiet" disabled={position <= 0} onClick={() => go(items[position - 1]?.agreement.id)}>
              ← {t('desk.prev')}
            </button>
            <strong className="desk-nav__position" data-testid="desk-position">
              {t('desk.position', { n: position + 1, total: items.length })}
            </strong>
            <button type="button" className="button button--small button--quiet" disabled={position >= items.length - 1} onClick={() => go(items[position + 1]?.agreement.id)}>
              {t('desk.next')} →
            </button>
            <label className="visually-hidden" htmlFor={jumpId}>{t('desk.jump')}</label>
            <select id={jumpId} className="input desk-nav__jump" value={current.agreement.id} onChange={(e) => go(e.target.value)}>
              {items.map((i, n) => (
                <option key={i.agreement.id} value={i.agreement.id}>
                  {n + 1}. {i.agreement.id} · {i.done ? `✓ ${t('desk.doneShort')}` : t('desk.toSign')}
                </option>
              ))}
            </select>
          </nav>
          {open.length > 0 ? <p className="desk-remaining">{t('desk.remaining', { n: open.length })}</p> : <p className="desk-card__ack" role="status">{t('desk.allDone')}</p>}
          <article className="desk-card" data-agreement={current.agreement.id} data-status={current.agreement.status} data-done={current.done ? 'yes' : 'no'}>
            <h3 className="desk-card__title" ref={headingRef} tabIndex={-1}>
              <span className="agreement-number">{current.agreement.id}</span> {current.agreement.title}
            </h3>
            <AgreementSummary agreement={current.agreement} index={index} zone={zone} roomId={roomId} hideTitle />
            <details className="desk-card__reader" open={readerOpen} onToggle={(e) => setReaderOpen(e.currentTarget.open)}>
              <summary>{t('reader.open', { number: current.agreement.id })}</summary>
              {readerOpen ? (
                <Suspense fallback={<p className="panel__empty">{t('conn.loading')}</p>}>
                  <AgreementReader
                    ceremony={ceremony}
                    zone={zone}
                    agreement={current.agreement}
                    parties={current.agreement.parties.map((id) => index.parties.get(id)).filter((p): p is Party => !!p)}
                  />
                </Suspense>
              ) : null}
            </details>
            {current.pending.map((partyId) => {
              const party = index.parties.get(partyId);
              if (!party) return null;
              return (
                <PartySigner
                  key={partyId}
                  ceremonyId={ceremony.id}
                  agreement={current.agreement}
                  party={party}
                  adopted={adoptedFor(partyId)}
                  canSign={canSign}
                  busy={busy === `${current.agreement.id}/${partyId}`}
                  sign={(signature, adopt) => void signFor(current, partyId, signature, adopt)}
                  clearAdopted={() => {
                    saveAdopted(ceremony.id, partyId, undefined);
                    setAdopted(({ [partyId]: _gone, ...rest }) => rest);
                  }}
                />
              );
            })}
            {current.done ? <DoneNote agreement={current.agreement} here={current.here} ceremonyId={ceremony.id} zone={zone} /> : null}
            {error ? <p className="desk-card__error" role="alert">{error}</p> : null}
          </article>
        </>
      ) : null}
      {done.length > 0 ? (
        <details className="desk-done" open>
          <summary>{t('desk.doneList', { n: done.length })}</summary>
          <ul className="plain-list desk-done__list" data-testid="desk-done">
            {done.map((i) => (
              <li key={i.agreement.id} data-agreement={i.agreement.id} data-status={i.agreement.status}>
                <span className="agreement-number">{i.agreement.id}</span> {i.agreement.title}{' '}
                {i.agreement.status === 'stamped' ? (
                  <a href={documentUrl(ceremony.id, i.agreement.id)} target="_blank" rel="noopener">{t('desk.stampedPdf')}</a>
                ) : (
                  <span className="cell-sub">{i.agreement.status === 'signed' ? t('room.ackStamping') : t('room.ackOthers')}</span>
                )}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function DoneNote({ agreement, here, ceremonyId, zone }: { agreement: Agreement; here: string[]; ceremonyId: string; zone: TimeZoneName }) {
  const { t } = useI18n();
  const last = here.map((id) => agreement.signatures[id]).filter((s) => s !== undefined).sort((a, b) => a.signedAt.localeCompare(b.signedAt)).at(-1);
  return (
    <div className="desk-card__ack" role="status">
      {last ? t('room.ack', { time: formatLocalTime(last.signedAt, zone, true) }) : null}{' '}
      {agreement.status === 'called' ? t('room.ackOthers') : null}
      {agreement.status === 'signed' ? t('room.ackStamping') : null}
      {agreement.status === 'stamped' ? (
        <a className="button button--secondary" href={documentUrl(ceremonyId, agreement.id)} target="_blank" rel="noopener">
          {t('room.openPdf')}
        </a>
      ) : null}
    </div>
  );
}
