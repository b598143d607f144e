// What is at the signing desk right now, wave by wave, with recall and re-call per agreement.
import type { Agreement, TimeZoneName } from '../../shared/domain/types';
import { formatLocalTime } from '../../shared/format/time';
import { partySignedCount, type CeremonyIndex } from '../lib/ceremony-index';
import { useI18n } from '../ui/i18n-context';
import { StatusBadge } from '../ui/status-badge';
import { activeWaves } from './call-planning';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

export function DeskProgress({
  agreements,
  index,
  zone,
  actions,
  confirmRecall = (text) => window.confirm(text),
}: {
  agreements: Agreement[];
  index: CeremonyIndex;
  zone: TimeZoneName;
  actions: ConsoleActions;
  confirmRecall?: (text: string) => boolean;
}) {
  const { t } = useI18n();
  const { pending, error, run } = useActionRunner();
  const waves = activeWaves(agreements);
  return (
    <section className="panel desk-progress" aria-labelledby="desk-progress-title">
      <h2 id="desk-progress-title" className="panel__title">{t('console.desk')}</h2>
      {waves.length === 0 ? <p className="panel__empty">{t('console.deskEmpty')}</p> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {waves.map((wave) => (
        <div key={wave.waveId} className="wave" data-wave={wave.waveId}>
          <div className="wave__head">
            <h3>{t('console.wave', { time: wave.calledAt ? formatLocalTime(wave.calledAt, zone) : '' })}</h3>
            <span className="wave__count">{t('console.waveProgress', { signed: wave.done, total: wave.total })}</span>
          </div>
          <progress className="progress" max={wave.total} value={wave.done} aria-label={t('console.waveProgress', { signed: wave.done, total: wave.total })} />
          <ul className="plain-list">
            {wave.agreements.map((a) => (
              <li key={a.id} className="wave__item" data-agreement={a.id} data-status={a.status}>
                <span className="wave__title">
                  {a.title}
                  <span className="cell-sub">
                    {a.parties
                      .map((id) => `${a.signatures[id] ? '✓' : '○'} ${index.parties.get(id)?.name ?? id}`)
                      .join('  ')}
                  </span>
                </span>
                <span className="wave__state">
                  <StatusBadge status={a.status} /> {t('console.partiesSigned', { signed: partySignedCount(a), total: a.parties.length })}
                </span>
                {a.status === 'called' ? (
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      disabled={!!pending}
                      onClick={() => {
                        if (confirmRecall(t('console.recallConfirm', { title: a.title }))) void run('recall', () => actions.recall(a.id));
                      }}
                      aria-label={`${t('console.recall')}: ${a.title}`}
                    >
                      {t('console.recall')}
                    </button>
                    <button type="button" className="button button--small button--quiet" disabled={!!pending} onClick={() => void run('call', () => actions.call([a.id]))} aria-label={`${t('console.recallAgain')}: ${a.title}`}>
                      {t('console.recallAgain')}
                    </button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
