// One room's picture: its video (or a placeholder), its sound, name, presence and audio activity.
// The data-* attributes carry what the browser decoded, for the organizer's eye and for tests.
import type { ReactNode } from 'react';
import type { Room, RoomPresence } from '../../shared/domain/types';
import type { RemoteRoomMedia } from '../lib/media-client';
import { mediaText, type MediaLang } from './media-labels';
import { MediaAudio, MediaVideo } from './media-video';

/** Above this level (0..1, from the browser's inbound audio stats) a room counts as speaking. */
const SPEAKING_LEVEL = 0.02;

export function RoomTile(props: {
  room: Room | undefined;
  roomId: string;
  media: RemoteRoomMedia | undefined;
  presence?: RoomPresence;
  lang: MediaLang;
  audio: { onBlocked(): void; unlockSignal: number };
  onStage?: boolean;
  /** The media server's active-speaker detection picked this room (console, mediasoup). */
  activeSpeaker?: boolean;
  children?: ReactNode;
}) {
  const { media, lang } = props;
  const name = props.room?.name ?? props.roomId;
  const speaking = props.activeSpeaker === true || (media?.stats.audioLevel ?? 0) > SPEAKING_LEVEL;
  const online = props.presence?.online;
  return (
    <figure
      className={`mstage-tile${speaking ? ' mstage-tile--speaking' : ''}${props.onStage ? ' mstage-tile--stage' : ''}`}
      data-testid="media-tile"
      data-room-id={props.roomId}
      data-live={media?.video ? 'true' : 'false'}
      data-frames-decoded={media?.stats.framesDecoded ?? 0}
      data-audio-packets={media?.stats.audioPacketsReceived ?? 0}
      data-packets-lost={media?.stats.packetsLost ?? 0}
      data-speaking={speaking ? 'true' : 'false'}
      data-active-speaker={props.activeSpeaker ? 'true' : 'false'}
    >
      {media?.video ? (
        <MediaVideo track={media.video.track} label={name} />
      ) : (
        <div className="mstage-placeholder mstage-placeholder--still" aria-hidden="true">
          <span className="mstage-placeholder__mark">{initials(name)}</span>
          <span>{name}</span>
          <span className="mstage-placeholder__note">{mediaText(lang, 'noVideo')}</span>
        </div>
      )}
      {media?.audio ? <MediaAudio track={media.audio.track} onBlocked={props.audio.onBlocked} unlockSignal={props.audio.unlockSignal} /> : null}
      <figcaption className="mstage-caption">
        <span className="mstage-caption__name">{name}</span>
        {props.room ? <span className="mstage-caption__place">{props.room.regency}, {props.room.province}</span> : null}
        {online !== undefined ? (
          <span className={`mstage-presence mstage-presence--${online ? 'on' : 'off'}`}>
            {mediaText(lang, online ? 'present' : props.presence?.since ? 'absent' : 'waiting')}
          </span>
        ) : null}
        {speaking ? <span className="mstage-speaking" role="status">{mediaText(lang, 'speaking')}</span> : null}
      </figcaption>
      {props.children}
    </figure>
  );
}

/** "Ruang Pintar Setda Pandeglang" → "RP": a still mark for a room without video. */
function initials(name: string): string {
  return name.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).slice(0, 2).map((w) => w[0]).join('') || name.slice(0, 1);
}
