// The room's video: the pre-join check until the official presses "Gabung", then the stage with
// their camera. When the ceremony closes or the official leaves, the camera and microphone are
// released (every track stopped), so the browser's indicator goes off.
import { useEffect, useState } from 'react';
import type { CeremonyView } from '../../shared/protocol/views';
import type { SaksiClientSocket } from '../lib/ceremony-client';
import { stopStream } from '../lib/device-check';
import { PreJoin } from '../media/pre-join';
import { useI18n } from '../ui/i18n-context';
import { LazyMediaStage } from '../ui/lazy-media-stage';

export function RoomMedia({ socket, view, spotlight }: { socket: SaksiClientSocket; view: CeremonyView; spotlight: string[] }) {
  const { t, lang } = useI18n();
  const [stream, setStream] = useState<MediaStream>();
  const closed = view.ceremony.phase === 'closed';
  // Stopping here as well covers a close that comes before the stage has even loaded.
  useEffect(() => () => stopStream(stream), [stream]);
  useEffect(() => {
    if (closed) setStream(undefined);
  }, [closed]);

  if (closed) return <p className="panel__empty" data-testid="media-released">{t('room.mediaClosed')}</p>;
  if (!stream) return <PreJoin onJoin={setStream} />;
  return (
    <div className="room-media">
      <LazyMediaStage socket={socket} view={view} spotlightRoomIds={spotlight} variant="room" lang={lang} localStream={stream} />
      <button type="button" className="button button--quiet" onClick={() => setStream(undefined)}>
        {t('room.leaveMedia')}
      </button>
    </div>
  );
}
