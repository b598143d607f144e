// Roll-call of the regional rooms: presence, progress, and the room's invite link.
import { useState } from 'react';
import type { Room, RoomPresence, TimeZoneName } from '../../shared/domain/types';
import type { InviteLink } from '../../shared/protocol/views';
import { formatLocalTime } from '../../shared/format/time';
import { useI18n } from '../ui/i18n-context';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

export interface RoomRollProps {
  rooms: Room[];
  presence: RoomPresence[];
  progress: Map<string, { done: number; total: number }>;
  links: InviteLink[];
  zone: TimeZoneName;
  actions: ConsoleActions;
  onLinkReissued(link: InviteLink): void;
  confirmReissue?: (text: string) => boolean;
}

export function RoomRoll({ rooms, presence, progress, links, zone, actions, onLinkReissued, confirmReissue = (text) => window.confirm(text) }: RoomRollProps) {
  const { t } = useI18n();
  const { pending, error, run } = useActionRunner();
  const [notice, setNotice] = useState<{ roomId: string; text: string }>();

  async function copy(roomId: string, url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setNotice({ roomId, text: t('console.copied') });
    } catch {
      // Clipboard needs a secure context; the link stays selectable in the field.
      setNotice({ roomId, text: url });
    }
  }

  return (
    <section className="panel room-roll" aria-labelledby="rooms-title">
      <h2 id="rooms-title" className="panel__title">{t('console.rooms')}</h2>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <ul className="room-grid">
        {rooms.map((room) => {
          const p = presence.find((x) => x.roomId === room.id);
          const online = !!p?.online;
          const link = links.find((l) => l.roomId === room.id);
          const count = progress.get(room.id) ?? { done: 0, total: 0 };
          return (
            <li key={room.id} className={`room-tile room-tile--${online ? 'online' : 'offline'}`} data-room={room.id} data-online={online ? 'yes' : 'no'}>
              <div className="room-tile__head">
                <span className="presence-dot" aria-hidden="true" />
                <span className="room-tile__name">{room.name}</span>
              </div>
              <p className="room-tile__place">
                {room.regency}, {room.province} · {room.timezone}
              </p>
              <p className="room-tile__presence">
                <strong>{online ? t('console.online') : t('console.offline')}</strong>
                {p?.since ? ` ${t('console.since', { time: formatLocalTime(p.since, zone) })}` : ''}
                {online && p ? ` · ${t('console.connections', { n: p.connections })}` : ''}
              </p>
              <p className="room-tile__progress">{t('console.roomSigned', { signed: count.done, total: count.total })}</p>
              {link ? (
                <div className="room-tile__link">
                  <input className="input input--mono" readOnly value={link.url} aria-label={t('console.inviteFor', { room: room.name })} onFocus={(e) => e.currentTarget.select()} />
                  <div className="button-row">
                    <button type="button" className="button button--small" onClick={() => void copy(room.id, link.url)}>
                      {t('console.copyLink')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      disabled={!!pending}
                      onClick={async () => {
                        if (!confirmReissue(t('console.confirmReissue', { room: room.name }))) return;
                        const fresh = await run('reissue', () => actions.reissueInvite(room.id));
                        if (fresh) {
                          onLinkReissued(fresh);
                          setNotice({ roomId: room.id, text: t('console.reissued') });
                        }
                      }}
                    >
                      {t('console.reissue')}
                    </button>
                  </div>
                  <p className="room-tile__notice" role="status" aria-live="polite">
                    {notice?.roomId === room.id ? notice.text : ''}
                  </p>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
