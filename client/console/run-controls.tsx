import { memo } from 'react';
import type { CeremonyPhase } from '../../shared/domain/types';
import { useI18n } from '../ui/i18n-context';
import { PhaseBadge } from '../ui/status-badge';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

/**
 * The run of show, always at the top: lobby → signing → closed (only the next step is offered),
 * the headline counts, and once every agreement is signed and stamped, the invitation to close.
 */
export const RunControls = memo(function RunControls({
  phase,
  actions,
  signed,
  stamped,
  total,
  confirmClose = (text) => window.confirm(text),
}: {
  phase: CeremonyPhase;
  actions: ConsoleActions;
  signed: number;
  stamped: number;
  total: number;
  confirmClose?: (text: string) => boolean;
}) {
  const { t } = useI18n();
  const { pending, error, run } = useActionRunner();
  const allDone = total > 0 && stamped === total && phase === 'signing';
  return (
    <section className={`run-bar${allDone ? ' run-bar--done' : ''}`} aria-labelledby="run-title" id="run" tabIndex={-1}>
      <h2 id="run-title" className="visually-hidden">{t('console.run')}</h2>
      <ol className="phase-steps">
        {(['draft', 'lobby', 'signing', 'closed'] as const).map((p) => (
          <li key={p} className={p === phase ? 'phase-steps__step phase-steps__step--current' : 'phase-steps__step'} aria-current={p === phase ? 'step' : undefined}>
            <PhaseBadge phase={p} />
          </li>
        ))}
      </ol>
      <p className="run-bar__count" data-testid="run-count">{t('console.signedCount', { signed, stamped, total })}</p>
      {allDone ? <p className="run-bar__done" role="status" data-testid="all-done">{t('console.allDone', { n: total })}</p> : null}
      <div className="button-row">
        {phase === 'draft' ? (
          <button type="button" className="button button--primary" disabled={!!pending} onClick={() => void run('lobby', actions.openLobby)}>
            {t('console.openLobby')}
          </button>
        ) : null}
        {phase === 'lobby' ? (
          <button type="button" className="button button--primary" disabled={!!pending} onClick={() => void run('signing', actions.startSigning)}>
            {t('console.startSigning')}
          </button>
        ) : null}
        <button
          type="button"
          className={`button ${allDone ? 'button--primary' : 'button--danger'}`}
          disabled={(phase !== 'lobby' && phase !== 'signing') || !!pending}
          onClick={() => {
            const text = allDone ? t('console.confirmCloseDone') : t('console.confirmClose', { open: total - signed });
            if (confirmClose(text)) void run('close', actions.close);
          }}
        >
          {t('console.close')}
        </button>
      </div>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
    </section>
  );
});
