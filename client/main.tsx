// Entry: picks the screen from the path and loads only that screen's code.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { parseRoute, type ScreenName } from './lib/route';
import { I18nProvider, useI18n } from './ui/i18n-context';
import { WaitingCard } from './ui/waiting-card';
import './ui/styles.css';

const SCREENS: Record<ScreenName, ReturnType<typeof lazy<(props: { ceremonyId: string }) => React.JSX.Element>>> = {
  room: lazy(() => import('./room/room-route')),
  console: lazy(() => import('./console/console-route')),
  tally: lazy(() => import('./tally/tally-route')),
};

function NotFound() {
  const { t } = useI18n();
  return (
    <WaitingCard>
      <h1 className="screen-header__title">{t('app.tagline')}</h1>
      <p className="waiting-card__text">{t('app.notFound')}</p>
    </WaitingCard>
  );
}

function App() {
  const route = parseRoute(window.location.pathname);
  if (!route) return <NotFound />;
  const Screen = SCREENS[route.screen];
  return (
    <Suspense fallback={<div className="screen screen--waiting" aria-busy="true" />}>
      <Screen ceremonyId={route.ceremonyId} />
    </Suspense>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
}
