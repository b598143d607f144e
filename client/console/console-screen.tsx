import { useMemo, useState } from 'react';
import type { CeremonyView, CeremonyLinks, InviteLink } from '../../shared/protocol/views';
import type { CeremonyClientState, SaksiClientSocket } from '../lib/ceremony-client';
import { indexCeremony, documentUrl } from '../lib/ceremony-index';
import { spotlightRoomIds } from '../lib/ceremony-state';
import { ConnectionBanner } from '../ui/connection-banner';
import { useI18n } from '../ui/i18n-context';
import { LazyMediaStage } from '../ui/lazy-media-stage';
import { ScreenHeader } from '../ui/screen-header';
import { PhaseBadge } from '../ui/status-badge';
import { ActivityFeed } from './activity-feed';
import { roomProgress } from './call-planning';
import { CallPanel } from './call-panel';
import type { ConsoleActions } from './console-actions';
import { DeskProgress } from './desk-progress';
import { RoomRoll } from './room-roll';
import { RunControls } from './run-controls';
import { StampFailures } from './stamp-failures';

export interface ConsoleScreenProps {
  view: CeremonyView;
  state: CeremonyClientState;
  actions: ConsoleActions;
  links?: CeremonyLinks;
  linksError?: string;
  /** Absent in component tests: the media gallery needs a live socket. */
  socket?: SaksiClientSocket;
}

export function ConsoleScreen({ view, state, actions, links, linksError, socket }: ConsoleScreenProps) {
  const { t, lang } = useI18n();
  const { ceremony } = view;
  const index = useMemo(() => indexCeremony(ceremony), [ceremony]);
  const zone = ceremony.rooms.find((r) => r.isStage)?.timezone ?? 'WIB';
  const progress = useMemo(() => roomProgress(ceremony.agreements, index), [ceremony.agreements, index]);
  const [reissued, setReissued] = useState<Record<string, InviteLink>>({});
  const roomLinks = (links?.rooms ?? []).map((l) => reissued[l.roomId] ?? l);
  const stamped = ceremony.agreements.filter((a) => a.status === 'stamped');
  const closed = ceremony.phase === 'closed';
  const base = `/api/ceremonies/${encodeURIComponent(ceremony.id)}`;

  return (
    <div className="screen screen--console" data-phase={ceremony.phase}>
      <ScreenHeader eyebrow={t('console.title')} title={ceremony.title} aside={<PhaseBadge phase={ceremony.phase} />} />
      <ConnectionBanner state={state} />
      <main className="console-layout">
        <div className="console-layout__main">
          <StampFailures agreements={ceremony.agreements} retry={actions.retryStamp} />
          <DeskProgress agreements={ceremony.agreements} index={index} zone={zone} actions={actions} />
          <CallPanel agreements={ceremony.agreements} index={index} phase={ceremony.phase} actions={actions} />
          <RoomRoll
            rooms={ceremony.rooms}
            presence={view.presence}
            progress={progress}
            links={roomLinks}
            zone={zone}
            actions={actions}
            onLinkReissued={(link) => setReissued((r) => ({ ...r, [link.roomId]: link }))}
          />
          {linksError ? <p className="form-error" role="alert">{linksError}</p> : null}
          {socket ? (
            <section className="panel" aria-label={t('room.stage')}>
              <LazyMediaStage socket={socket} view={view} spotlightRoomIds={spotlightRoomIds(view)} variant="console" lang={lang} />
            </section>
          ) : null}
        </div>
        <aside className="console-layout__side">
          <RunControls phase={ceremony.phase} actions={actions} />
          <section className="panel documents" aria-labelledby="docs-title">
            <h2 id="docs-title" className="panel__title">{t('console.documents')}</h2>
            {links?.tally ? (
              <p>
                <a href={links.tally} target="_blank" rel="noopener">{t('console.tallyLink')}</a>
              </p>
            ) : null}
            {closed ? (
              <p className="button-row">
                <a className="button button--secondary" href={`${base}/record.zip`}>{t('console.record')}</a>
                <a className="button button--secondary" href={`${base}/berita-acara.pdf`} target="_blank" rel="noopener">{t('console.beritaAcara')}</a>
              </p>
            ) : (
              <p className="panel__empty">{t('console.recordLater')}</p>
            )}
            <ul className="plain-list doc-list">
              {stamped.map((a) => (
                <li key={a.id}>
                  <a href={documentUrl(ceremony.id, a.id)} target="_blank" rel="noopener">
                    {a.title} <span className="cell-sub">({t('console.pdf')})</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
          <ActivityFeed items={view.activity} index={index} zone={zone} />
        </aside>
      </main>
    </div>
  );
}
