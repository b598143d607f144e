// Every room at a glance, always beside the work: online / not joined yet / dropped since HH.MM
// (and for how long), how many of its agreements are at the desk and done, and its invite link.
import { memo, useState } from 'react';
import type { Room, RoomPresence, TimeZoneName } from '../../shared/domain/types';
import type { InviteLink } from '../../shared/protocol/views';
import { formatLocalTime } from '../../shared/format/time';
import { useI18n } from '../ui/i18n-context';
import { useNow } from '../ui/use-now';
import { formatElapsed, roomState, type RoomProgress } from './call-planning';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

export interface RoomPanelProps {
  rooms: Room[];
  presence: Map<string, RoomPresence>;
  progress: Map<string, RoomProgress>;
  links: InviteLink[];
  zone: TimeZoneName;
  actions: ConsoleActions;
  closed: boolean;
  onLinkReissued(link: InviteLink): void;
  confirmReissue?: (text: string) => boolean;
}

/** Memoized: a signature elsewhere leaves the panel's props (and each row's progress) unchanged. */
export const RoomPanel = memo(function RoomPanel(props: RoomPanelProps) {
  const { t, lang } = useI18n();
  const now = useNow();
  const { pending, error, run } = useActionRunner();
  const online = props.rooms.filter((r) => props.presence.get(r.id)?.online).length;
  return (
    <section className="panel room-panel" aria-labelledby="rooms-title" id="rooms" tabIndex={-1}>
      <h2 id="rooms-title" className="panel__title">
        {t('console.rooms')} <span className="room-panel__count">{t('console.roomsOnline', { n: online, total: props.rooms.length })}</span>
      </h2>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <ul className="plain-list room-list">
        {props.rooms.map((room) => (
          <RoomRow
            key={room.id}
            room={room}
            presence={props.presence.get(room.id)}
            progress={props.progress.get(room.id)}
            zone={props.zone}
            now={now}
            lang={lang}
            closed={props.closed}
          />
        ))}
      </ul>
      <InviteLinks
        rooms={props.rooms}
        links={props.links}
        closed={props.closed}
        actions={props.actions}
        onLinkReissued={props.onLinkReissued}
        confirmReissue={props.confirmReissue}
        pending={!!pending}
        run={run}
      />
    </section>
  );
});

/** The invite links, folded away; they change only when one is re-issued. */
type InviteLinksProps = Pick<RoomPanelProps, 'rooms' | 'links' | 'closed' | 'actions' | 'onLinkReissued' | 'confirmReissue'> & {
  pending: boolean;
  run: ReturnType<typeof useActionRunner>['run'];
};

const InviteLinks = memo(function InviteLinks(props: InviteLinksProps) {
  const { t } = useI18n();
  return (
    <details className="room-links">
      <summary>{t('console.inviteLinks', { n: props.links.length })}</summary>
      <ul className="plain-list">
        {props.rooms.map((room) => {
          const link = props.links.find((l) => l.roomId === room.id);
          return link ? (
            <InviteRow
              key={room.id}
              room={room}
              link={link}
              disabled={props.pending || props.closed}
              reissue={async () => {
                if (!(props.confirmReissue ?? ((text) => window.confirm(text)))(t('console.confirmReissue', { room: room.name }))) return false;
                const fresh = await props.run('reissue', () => props.actions.reissueInvite(room.id));
                if (fresh) props.onLinkReissued(fresh);
                return !!fresh;
              }}
            />
          ) : null;
        })}
      </ul>
    </details>
  );
});

interface RoomRowProps {
  room: Room;
  presence?: RoomPresence;
  progress?: RoomProgress;
  zone: TimeZoneName;
  now: number;
  lang: 'id' | 'en';
  /** After closing nothing is at the desk any more: what was left unsigned is not waiting for the room. */
  closed: boolean;
}

/** Progress is recounted on every update; a row re-renders only when its own numbers change. */
const sameRoomRow = (a: RoomRowProps, b: RoomRowProps) =>
  a.room === b.room && a.presence === b.presence && a.closed === b.closed && a.now === b.now && a.lang === b.lang && a.zone === b.zone &&
  a.progress?.done === b.progress?.done && a.progress?.total === b.progress?.total && a.progress?.atDesk === b.progress?.atDesk;

const RoomRow = memo(function RoomRow(props: RoomRowProps) {
  const { t } = useI18n();
  const { room, presence, progress = { done: 0, total: 0, atDesk: 0 } } = props;
  const state = roomState(presence);
  const since = presence?.since ? formatLocalTime(presence.since, props.zone) : '';
  const statusText =
    state === 'online'
      ? t('console.online')
      : state === 'waiting'
        ? t('console.waiting')
        : t('console.droppedSince', { time: since, elapsed: formatElapsed(presence!.since!, props.now, props.lang) });
  return (
    <li className={`room-row room-row--${state}`} data-room={room.id} data-state={state} data-online={state === 'online' ? 'yes' : 'no'}>
      <span className="presence-dot" aria-hidden="true" />
      <span className="room-row__name" title={`${room.name} · ${room.timezone}`}>
        {room.regency}
        <span className="visually-hidden"> — {room.name}</span>
      </span>
      <span className="room-row__state">
        <strong>{statusText}</strong>
        </span>
      <span className="room-row__progress">
        {progress.atDesk > 0 && !props.closed ? <span className="room-row__desk">{t('console.roomAtDesk', { n: progress.atDesk })}</span> : null}
        <span className="room-tile__progress" title={t('console.roomSigned', { signed: progress.done, total: progress.total })}>
          {progress.done}/{progress.total}
          <span className="visually-hidden"> {t('console.roomSigned', { signed: progress.done, total: progress.total })}</span>
        </span>
      </span>
    </li>
  );
}, sameRoomRow);

function InviteRow({ room, link, disabled, reissue }: { room: Room; link: InviteLink; disabled: boolean; reissue(): Promise<boolean> }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string>();
  return (
    <li className="invite-row" data-room-link={room.id}>
      <span className="room-row__name">{room.name}</span>
      <input className="input input--mono" readOnly value={link.url} aria-label={t('console.inviteFor', { room: room.name })} onFocus={(e) => e.currentTarget.select()} />
      <div className="button-row">
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            void navigator.clipboard.writeText(link.url).then(
              () => setNotice(t('console.copied')),
              () => setNotice(link.url),
            )
          }
        >
          {t('console.copyLink')}
        </button>
        <button type="button" className="button button--small button--quiet" disabled={disabled} onClick={() => void reissue().then((ok) => ok && setNotice(t('console.reissued')))}>
          {t('console.reissue')}
        </button>
      </div>
      <p className="room-tile__notice" role="status" aria-live="polite">{notice ?? ''}</p>
    </li>
  );
}
