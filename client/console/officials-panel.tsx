// After the close, when the roster names officials: who has signed the Berita Acara (room, local
// time) and who is awaited; the organizer may finish it without the missing ones, with a reason
// that is audited and printed in the document.
import { useState } from 'react';
import type { Ceremony } from '../../shared/domain/types';
import { beritaAcaraStage, officialSignatureOf, unsignedOfficials } from '../../shared/domain/berita-acara-signing';
import { formatLocalTime } from '../../shared/format/time';
import type { CeremonyIndex } from '../lib/ceremony-index';
import { useI18n } from '../ui/i18n-context';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

const MIN_REASON = 5;

export function OfficialsPanel({ ceremony, index, actions }: { ceremony: Ceremony; index: CeremonyIndex; actions: Pick<ConsoleActions, 'finishWithoutOfficials'> }) {
  const { t } = useI18n();
  const { pending, error, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const stage = beritaAcaraStage(ceremony);
  if (stage === 'no-officials' || stage === 'not-closed') return null;
  const officials = ceremony.officials ?? [];
  const signedCount = officials.length - unsignedOfficials(ceremony).length;
  const finished = ceremony.beritaAcara?.finishedWithoutOfficials;
  const title = stage === 'waiting' ? t('officials.waitingTitle') : stage === 'signed' ? t('officials.signedTitle') : t('officials.finishedTitle');
  const missing = unsignedOfficials(ceremony).map((o) => o.name).join(', ');

  return (
    <section className={`panel officials officials--${stage}`} aria-labelledby="officials-title" data-testid="officials-panel" data-stage={stage}>
      <h2 id="officials-title" className="panel__title">{title}</h2>
      {stage === 'waiting' ? <p className="cell-sub">{t('officials.waitingHint', { signed: signedCount, total: officials.length })}</p> : null}
      {finished ? <p className="cell-sub">{t('officials.finishedReason', { reason: finished.reason })}</p> : null}
      <ul className="plain-list officials__list">
        {officials.map((o) => {
          const signature = officialSignatureOf(ceremony, o.id);
          const room = index.rooms.get(o.room);
          return (
            <li key={o.id} className="officials__item" data-official={o.id} data-signed={signature ? 'yes' : 'no'}>
              <span>
                <strong>{o.name}</strong>
                <span className="cell-sub">
                  {[o.title, o.institution].filter(Boolean).join(', ')} · {t('officials.room', { room: room?.name ?? o.room })}
                </span>
              </span>
              <span className="officials__state">
                {signature
                  ? t('officials.signedAt', { time: formatLocalTime(signature.signedAt, signature.timezone) })
                  : finished
                    ? t('officials.notSigned')
                    : t('officials.waiting')}
              </span>
            </li>
          );
        })}
      </ul>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {stage === 'waiting' && !asking ? (
        <p className="button-row">
          <button type="button" className="button button--danger" onClick={() => setAsking(true)}>{t('officials.finish')}</button>
        </p>
      ) : null}
      {stage === 'waiting' && asking ? (
        <form
          className="officials__finish"
          onSubmit={(e) => {
            e.preventDefault();
            void run('finish', () => actions.finishWithoutOfficials(reason.trim())).then((done) => done && setAsking(false));
          }}
        >
          <p className="form-warning" role="note">{t('officials.finishWarning', { names: missing })}</p>
          <div className="field">
            <label htmlFor="officials-reason">{t('officials.finishWhy')}</label>
            <textarea id="officials-reason" rows={2} maxLength={500} required minLength={MIN_REASON} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <p className="button-row">
            <button type="submit" className="button button--danger" disabled={!!pending || reason.trim().length < MIN_REASON}>{t('officials.finishConfirm')}</button>
            <button type="button" className="button button--quiet" onClick={() => setAsking(false)}>{t('console.cancel')}</button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
