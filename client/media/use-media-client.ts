// One MediaClient per mounted stage (and per socket/identity), started on mount, closed on unmount.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { MediaClient, type MediaClientSnapshot } from '../lib/media-client';
import type { MediaSocket } from '../lib/media-requests';
import type { Role } from '../../shared/domain/types';

const noop = () => () => {};

export function useMediaClient(
  socket: MediaSocket,
  role: Role,
  roomId: string | undefined,
  localStream?: MediaStream,
  layer: 'low' | 'high' = 'high',
): { client: MediaClient | undefined; snapshot: MediaClientSnapshot | undefined } {
  const [client, setClient] = useState<MediaClient>();
  useEffect(() => {
    const created = new MediaClient({ socket, role, roomId, localStream, layer });
    setClient(created);
    created.start();
    return () => created.close();
  }, [socket, role, roomId, localStream, layer]);
  const snapshot = useSyncExternalStore(client?.subscribe ?? noop, () => client?.getSnapshot());
  return { client, snapshot };
}
