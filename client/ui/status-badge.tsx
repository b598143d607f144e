import type { AgreementStatus, CeremonyPhase } from '../../shared/domain/types';
import { phaseKey, statusKey } from './i18n';
import { useI18n } from './i18n-context';

export function StatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge--${status}`} data-status={status}>{t(statusKey(status))}</span>;
}

export function PhaseBadge({ phase }: { phase: CeremonyPhase }) {
  const { t } = useI18n();
  return (
    <span className={`phase-badge phase-badge--${phase}`} data-phase={phase}>
      <span className="visually-hidden">{t('phase.label')}: </span>
      {t(phaseKey(phase))}
    </span>
  );
}
