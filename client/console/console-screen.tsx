// The organizer's control room. At the top, always: the run of show (phase, counts, the next step
// and "Tutup upacara"). Beside the work, always: every room. The work itself in tabs: what is at
// the desk, the agreements (search, filter, wave preview), the video gallery, documents and
// events. Skip links and landmarks keep every control a few Tab presses away.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CeremonyView, CeremonyLinks, InviteLink } from '../../shared/protocol/views';
import type { CeremonyClientState, SaksiClientSocket } from '../lib/ceremony-client';
import { indexCeremony, documentUrl, type CeremonyIndex } from '../lib/ceremony-index';
import { spotlightRoomIds } from '../lib/ceremony-state';
import { ConnectionBanner } from '../ui/connection-banner';
import { PublicUrlWarning } from './public-url-warning';
import { useI18n } from '../ui/i18n-context';
import { LazyMediaStage } from '../ui/lazy-media-stage';
import { ScreenHeader } from '../ui/screen-header';
import { PhaseBadge } from '../ui/status-badge';
import { ActivityFeed } from './activity-feed';
import { deriveConsole, type ConsoleDerived } from './console-derived';
import { CallPlanner } from './call-planner';
import type { ConsoleActions } from './console-actions';
import { CeremonySummary } from './ceremony-summary';
import { RoomPanel } from './room-panel';
import { RunControls } from './run-controls';
import { WavePanel } from './wave-panel';
import { StampFailures } from './stamp-failures';
import { OfficialsPanel } from './officials-panel';

export interface ConsoleScreenProps {
  view: CeremonyView;
  state: CeremonyClientState;
  actions: ConsoleActions;
  links?: CeremonyLinks;
  linksError?: string;
  /** Absent in component tests: the media gallery needs a live socket. */
  socket?: SaksiClientSocket;
}

type Tab = 'desk' | 'agreements' | 'video' | 'documents';
const TABS: Tab[] = ['desk', 'agreements', 'video', 'documents'];

export function ConsoleScreen({ view, state, actions, links, linksError, socket }: ConsoleScreenProps) {
  const { t, lang } = useI18n();
  const { ceremony } = view;
  const previous = useRef<CeremonyIndex | undefined>(undefined);
  const index = useMemo(() => (previous.current = indexCeremony(ceremony, previous.current)), [ceremony]);
  const presence = useMemo(() => new Map(view.presence.map((p) => [p.roomId, p])), [view.presence]);
  const zone = ceremony.rooms.find((r) => r.isStage)?.timezone ?? 'WIB';
  // Derived incrementally from the agreements that changed (see console-derived).
  const derivedRef = useRef<ConsoleDerived | undefined>(undefined);
  const derived = useMemo(
    () => (derivedRef.current = deriveConsole(ceremony.agreements, ceremony.waves, index, presence, derivedRef.current)),
    [ceremony.agreements, ceremony.waves, index, presence],
  );
  const { progress, waves } = derived;
  const [reissued, setReissued] = useState<Record<string, InviteLink>>({});
  const roomLinks = useMemo(() => (links?.rooms ?? []).map((l) => reissued[l.roomId] ?? l), [links, reissued]);
  const onLinkReissued = useCallback((link: InviteLink) => setReissued((r) => ({ ...r, [link.roomId]: link })), []);
  const [tab, setTab] = useState<Tab>('desk');
  const [videoOpened, setVideoOpened] = useState(false);
  const closed = ceremony.phase === 'closed';
  const stampedList = derived.stampedList;
  const tabLabel = (name: Tab) =>
    name === 'desk' ? `${t('console.tabDesk')} (${waves.reduce((n, w) => n + w.total - w.done, 0)})` : t(`console.tab.${name}`);

  return (
    <div className="screen screen--console" data-phase={ceremony.phase}>
      <nav className="skip-links" aria-label={t('console.skip')}>
        <a href="#run">{t('console.skipRun')}</a>
        <a href="#work">{t('console.skipWork')}</a>
        <a href="#rooms">{t('console.skipRooms')}</a>
      </nav>
      <ScreenHeader eyebrow={t('console.title')} title={ceremony.title} aside={<PhaseBadge phase={ceremony.phase} />} compact />
      <ConnectionBanner state={state} />
      <PublicUrlWarning phase={ceremony.phase} />
      <RunControls phase={ceremony.phase} actions={actions} signed={derived.signed} stamped={derived.stamped} total={ceremony.agreements.length} />
      <main className="console-grid">
        <div className="console-grid__work" id="work" tabIndex={-1}>
          {closed ? <OfficialsPanel ceremony={ceremony} index={index} actions={actions} /> : null}
          {closed ? <CeremonySummary ceremony={ceremony} presence={view.presence} tallyUrl={links?.tally} /> : null}
          <StampFailures parked={derived.parked} retry={actions.retryStamp} />
          <div className="tabs" role="tablist" aria-label={t('console.work')}>
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`tab-${name}`}
                aria-selected={tab === name}
                aria-controls={`panel-${name}`}
                tabIndex={tab === name ? 0 : -1}
                className="tabs__tab"
                onClick={() => {
                  setTab(name);
                  if (name === 'video') setVideoOpened(true);
                }}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                  const next = TABS[(TABS.indexOf(name) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
                  setTab(next);
                  if (next === 'video') setVideoOpened(true);
                  document.getElementById(`tab-${next}`)?.focus();
                }}
              >
                {tabLabel(name)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="panel-desk" aria-labelledby="tab-desk" hidden={tab !== 'desk'}>
            {tab === 'desk' ? <WavePanel waves={waves} index={index} presence={presence} zone={zone} actions={actions} closed={closed} /> : null}
          </div>
          <div role="tabpanel" id="panel-agreements" aria-labelledby="tab-agreements" hidden={tab !== 'agreements'}>
            {tab === 'agreements' ? (
              <CallPlanner agreements={ceremony.agreements} index={index} presence={presence} phase={ceremony.phase} nextWaveNumber={ceremony.waves.length + 1} actions={actions} />
            ) : null}
          </div>
          <div role="tabpanel" id="panel-video" aria-labelledby="tab-video" hidden={tab !== 'video'}>
            {/* Once opened the gallery stays mounted, so switching tabs does not drop the video. */}
            {socket && videoOpened && !closed ? (
              <section className="panel" aria-label={t('room.stage')}>
                <LazyMediaStage socket={socket} view={view} spotlightRoomIds={spotlightRoomIds(view)} variant="console" lang={lang} />
              </section>
            ) : (
              <p className="panel panel__empty">{closed ? t('room.mediaClosed') : t('console.videoHint')}</p>
            )}
          </div>
          <div role="tabpanel" id="panel-documents" aria-labelledby="tab-documents" hidden={tab !== 'documents'}>
            {tab === 'documents' ? (
              <div className="console-docs">
                <section className="panel documents" aria-labelledby="docs-title">
                  <h2 id="docs-title" className="panel__title">{t('console.documents')}</h2>
                  {links?.tally ? (
                    <p>
                      <a href={links.tally} target="_blank" rel="noopener">{t('console.tallyLink')}</a>
                    </p>
                  ) : null}
                  {closed ? null : <p className="panel__empty">{t('console.recordLater')}</p>}
                  <ul className="plain-list doc-list">
                    {stampedList.map((a) => (
                      <li key={a.id}>
                        <a href={documentUrl(ceremony.id, a.id)} target="_blank" rel="noopener">
                          <span className="agreement-number">{a.id}</span> {a.title} <span className="cell-sub">({t('console.pdf')})</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                </section>
                <ActivityFeed items={view.activity} index={index} zone={zone} waves={ceremony.waves} />
              </div>
            ) : null}
          </div>
        </div>
        <aside className="console-grid__rooms" aria-label={t('console.rooms')}>
          <RoomPanel
            rooms={ceremony.rooms}
            presence={presence}
            progress={progress}
            links={roomLinks}
            zone={zone}
            actions={actions}
            closed={closed}
            onLinkReissued={onLinkReissued}
          />
          {linksError ? <p className="form-error" role="alert">{linksError}</p> : null}
        </aside>
      </main>
    </div>
  );
}
