import type { ReactNode } from 'react';
import { useI18n } from './i18n-context';
import { LangSwitch } from './lang-switch';

/** The calm card shown before a screen can draw: brand, a message, and the language switch. */
export function WaitingCard({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="screen screen--waiting">
      <div className="waiting-card">
        <p className="screen-header__eyebrow">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </p>
        {children}
        <LangSwitch />
      </div>
    </div>
  );
}
