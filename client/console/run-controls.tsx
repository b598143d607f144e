import type { CeremonyPhase } from '../../shared/domain/types';
import { useI18n } from '../ui/i18n-context';
import { PhaseBadge } from '../ui/status-badge';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

/** lobby → signing → closed; only the next step is offered, so the order cannot be skipped. */
export function RunControls({ phase, actions, confirmClose = (text) => window.confirm(text) }: { phase: CeremonyPhase; actions: ConsoleActions; confirmClose?: (text: string) => boolean }) {
  const { t } = useI18n();
  const { pending, error, run } = useActionRunner();
  return (
    <section className="panel run-controls" aria-labelledby="run-title">
      <h2 id="run-title" className="panel__title">{t('console.run')}</h2>
      <ol className="phase-steps">
        {(['draft', 'lobby', 'signing', 'closed'] as const).map((p) => (
          <li key={p} className={p === phase ? 'phase-steps__step phase-steps__step--current' : 'phase-steps__step'} aria-current={p === phase ? 'step' : undefined}>
            <PhaseBadge phase={p} />
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={phase !== 'draft' || !!pending} onClick={() => void run('lobby', actions.openLobby)}>
          {t('console.openLobby')}
        </button>
        <button type="button" className="button button--primary" disabled={phase !== 'lobby' || !!pending} onClick={() => void run('signing', actions.startSigning)}>
          {t('console.startSigning')}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={(phase !== 'lobby' && phase !== 'signing') || !!pending}
          onClick={() => {
            if (confirmClose(t('console.confirmClose'))) void run('close', actions.close);
          }}
        >
          {t('console.close')}
        </button>
      </div>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
    </section>
  );
}
