import type { ReactNode } from 'react';
import { LangSwitch } from './lang-switch';

export function ScreenHeader({ eyebrow, title, subtitle, aside, compact = false }: { eyebrow: string; title: string; subtitle?: ReactNode; aside?: ReactNode; compact?: boolean }) {
  return (
    <header className={`screen-header${compact ? ' screen-header--compact' : ''}`}>
      <div className="screen-header__titles">
        <p className="screen-header__eyebrow">
          <span className="brand-mark" aria-hidden="true" />
          {eyebrow}
        </p>
        <h1 className="screen-header__title">{title}</h1>
        {subtitle ? <p className="screen-header__subtitle">{subtitle}</p> : null}
      </div>
      <div className="screen-header__aside">
        {aside}
        <LangSwitch />
      </div>
    </header>
  );
}
