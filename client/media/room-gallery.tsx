// Organizer: every room in pages, with presence, audio activity and per-room controls.
import { useEffect, useState } from 'react';
import type { Room, RoomPresence } from '../../shared/domain/types';
import type { MediaClient, MediaClientSnapshot } from '../lib/media-client';
import { mediaText, type MediaLang } from './media-labels';
import { RoomTile } from './room-tile';

const PAGE_SIZE = 9;

export function RoomGallery(props: {
  client: MediaClient;
  snapshot: MediaClientSnapshot;
  rooms: Room[];
  presence: RoomPresence[];
  featuredRoomIds: string[];
  lang: MediaLang;
  audio: { onBlocked(): void; unlockSignal: number };
}) {
  const { client, snapshot, lang } = props;
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(props.rooms.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = props.rooms.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const visibleKey = visible.map((room) => room.id).join('\n');
  // Receive only this page's rooms: the other pages cost nothing until they are turned to.
  useEffect(() => {
    client.setVisibleRooms(visibleKey.split('\n').filter(Boolean));
  }, [client, visibleKey]);
  const run = (action: Promise<unknown>) => void action.catch(() => {});
  const toggleStage = (roomId: string) => {
    const featured = props.featuredRoomIds.includes(roomId)
      ? props.featuredRoomIds.filter((id) => id !== roomId)
      : [...props.featuredRoomIds, roomId];
    run(client.setStage(featured));
  };
  return (
    <section className="mstage-gallery" aria-label={mediaText(lang, 'gallery')}>
      <div className="mstage-gallery__bar">
        <h3>{mediaText(lang, 'gallery')}</h3>
        <button type="button" data-testid="mute-all" onClick={() => run(client.muteRooms('audio'))}>
          {mediaText(lang, 'muteAll')}
        </button>
      </div>
      <div className="mstage-grid">
        {visible.map((room) => {
          const onStage = room.isStage || props.featuredRoomIds.includes(room.id);
          const producing = snapshot.server.producers.filter((producer) => producer.roomId === room.id);
          return (
            <RoomTile
              key={room.id}
              room={room}
              roomId={room.id}
              media={snapshot.remote[room.id]}
              presence={props.presence.find((entry) => entry.roomId === room.id)}
              lang={lang}
              audio={props.audio}
              onStage={onStage}
              activeSpeaker={snapshot.activeSpeakerRoomId === room.id}
            >
              <div className="mstage-tile__actions">
                <button
                  type="button"
                  disabled={!producing.some((p) => p.kind === 'audio' && !p.paused)}
                  aria-label={`${mediaText(lang, 'muteRoom')}: ${room.name}`}
                  onClick={() => run(client.muteRooms('audio', room.id))}
                >
                  {mediaText(lang, 'muteRoom')}
                </button>
                <button
                  type="button"
                  disabled={!producing.some((p) => p.kind === 'video' && !p.paused)}
                  aria-label={`${mediaText(lang, 'stopVideo')}: ${room.name}`}
                  onClick={() => run(client.muteRooms('video', room.id))}
                >
                  {mediaText(lang, 'stopVideo')}
                </button>
                {room.isStage ? (
                  <span className="mstage-badge">{mediaText(lang, 'onStage')}</span>
                ) : (
                  <button type="button" aria-pressed={onStage} onClick={() => toggleStage(room.id)}>
                    {mediaText(lang, onStage ? 'takeOffStage' : 'putOnStage')}
                  </button>
                )}
              </div>
            </RoomTile>
          );
        })}
      </div>
      {pages > 1 ? (
        <nav className="mstage-pager" aria-label={mediaText(lang, 'gallery')}>
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {mediaText(lang, 'prev')}
          </button>
          <span>{mediaText(lang, 'page', { page: current + 1, pages })}</span>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {mediaText(lang, 'next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
