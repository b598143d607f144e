import type { ReactNode } from 'react';
import { LangSwitch } from './lang-switch';

export function ScreenHeader({ eyebrow, title, subtitle, aside }: { eyebrow: string; title: string; subtitle?: ReactNode; aside?: ReactNode }) {
  return (
    <header className="screen-header">
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
