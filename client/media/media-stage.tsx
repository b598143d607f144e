// The live video and sound of a ceremony, rendered for each audience: officials publish and see
// the stage; organizers see a paged gallery of every room with controls; observers watch the
// stage. All media work happens in MediaClient; this only renders its snapshots.
import { useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import type { CeremonyView } from '../../shared/protocol/views';
import { mediaText } from './media-labels';
import { RoomGallery } from './room-gallery';
import { RoomTile } from './room-tile';
import { SelfView } from './self-view';
import { TransportStatsTable } from './transport-stats-table';
import { useMediaClient } from './use-media-client';
import './media-stage.css';

export interface MediaStageProps {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  view: CeremonyView;
  /** Rooms of the parties of the agreements currently at the signing desk: put side by side. */
  spotlightRoomIds: string[];
  variant: 'room' | 'console' | 'tally';
  lang: 'id' | 'en';
  /** Officials: the camera and microphone chosen before joining (nothing is opened here). */
  localStream?: MediaStream;
}

export default function MediaStage(props: MediaStageProps) {
  const { view, lang, variant } = props;
  const { role, roomId } = view.you;
  // The console shows small tiles: it receives the low simulcast layer; stages the high one.
  const { client, snapshot } = useMediaClient(props.socket, role, roomId, props.localStream, variant === 'console' ? 'low' : 'high');
  const [audioBlocked, setAudioBlocked] = useState(false);
  const [unlockSignal, setUnlockSignal] = useState(0);
  const audio = { onBlocked: () => setAudioBlocked(true), unlockSignal };

  if (!client || !snapshot) {
    return <div className="mstage mstage--pending" data-variant={variant}>{mediaText(lang, 'connecting')}</div>;
  }

  const rooms = view.ceremony.rooms;
  const stageRoomId = snapshot.server.stageRoomId ?? rooms.find((room) => room.isStage)?.id;
  const featured = [...new Set([...snapshot.server.featuredRoomIds, ...props.spotlightRoomIds])];
  const online = new Set(view.presence.filter((p) => p.online).map((p) => p.roomId));
  const sending = new Set(snapshot.server.producers.map((p) => p.roomId));
  // The stage: the palace, then the rooms being called that are actually there (a room that left
  // leaves no empty tile); never the official's own room; at most six tiles.
  const stageRoomIds = [...new Set([stageRoomId, ...featured])]
    .filter((id): id is string => id !== undefined && id !== roomId)
    .filter((id) => id === stageRoomId || online.has(id) || sending.has(id))
    // Observers see only live tiles.
    .filter((id) => variant !== 'tally' || Boolean(snapshot.remote[id]?.video))
    .slice(0, 6);
  // An observer with nothing live to watch is told the stage is not live yet (belum tayang); the
  // media connection's own state (connecting, reconnecting) is not theirs to worry about, and
  // "Video terputus" read as an error when the stage had simply not started.
  const isNothingLive = variant === 'tally' && stageRoomIds.length === 0;
  const banner = isNothingLive
    ? undefined
    : snapshot.status === 'connecting' || snapshot.status === 'reconnecting' || snapshot.status === 'failed'
      ? snapshot.status === 'failed' && snapshot.problem
        ? lang === 'id' ? snapshot.problem.message : snapshot.problem.messageEn
        : mediaText(lang, snapshot.status === 'failed' ? 'failed' : snapshot.status)
      : undefined;

  return (
    <div className={`mstage mstage--${variant}`} data-variant={variant} data-status={snapshot.status}>
      {banner ? <p className="mstage-banner" role="status">{banner}</p> : null}
      {audioBlocked ? (
        <button
          type="button"
          className="mstage-unlock"
          onClick={() => {
            setAudioBlocked(false);
            setUnlockSignal((n) => n + 1);
          }}
        >
          {mediaText(lang, 'enableSound')}
        </button>
      ) : null}
      {variant === 'console' ? (
        <>
          <RoomGallery
            client={client}
            snapshot={snapshot}
            rooms={rooms}
            presence={view.presence}
            featuredRoomIds={snapshot.server.featuredRoomIds}
            lang={lang}
            audio={audio}
          />
          <TransportStatsTable client={client} stats={snapshot.transportStats} rooms={rooms} lang={lang} />
        </>
      ) : (
        <>
          <section className="mstage-stage" aria-label={mediaText(lang, 'stage')} data-testid="media-stage">
            {stageRoomIds.length === 0 ? (
              <p className="mstage-empty" data-testid="stage-not-live">{mediaText(lang, isNothingLive ? 'stageNotLive' : 'stageEmpty')}</p>
            ) : null}
            <div className={`mstage-grid mstage-grid--${Math.min(stageRoomIds.length, 3)}`}>
              {stageRoomIds.map((id) => (
                <RoomTile
                  key={id}
                  room={rooms.find((room) => room.id === id)}
                  roomId={id}
                  media={snapshot.remote[id]}
                  lang={lang}
                  audio={audio}
                  onStage
                />
              ))}
            </div>
          </section>
          {variant === 'room' && snapshot.canProduce ? <SelfView client={client} snapshot={snapshot} lang={lang} /> : null}
          {variant === 'tally' ? <p className="mstage-note">{mediaText(lang, 'watchOnly')}</p> : null}
        </>
      )}
    </div>
  );
}
