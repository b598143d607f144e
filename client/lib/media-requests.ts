// Typed, acked media requests over the shared socket. An error ack becomes a MediaRequestError
// carrying the server's code and user-safe messages; a missing ack times out.
import type { Socket } from 'socket.io-client';
import type { Ack, AckError } from '../../shared/protocol/ack';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import type { MediaClientToServerEvents } from '../../shared/protocol/media-events';

export type MediaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type MediaRequestName = keyof MediaClientToServerEvents;
export type MediaRequestPayload<E extends MediaRequestName> = Parameters<MediaClientToServerEvents[E]>[0];
export type MediaRequestData<E extends MediaRequestName> =
  Parameters<MediaClientToServerEvents[E]>[1] extends (response: Ack<infer T>) => void ? T : never;

export class MediaRequestError extends Error {
  constructor(readonly error: AckError | { code: 'TIMEOUT'; message: string; messageEn: string }) {
    super(error.messageEn);
    this.name = 'MediaRequestError';
  }
}

export function requestMedia<E extends MediaRequestName>(
  socket: MediaSocket,
  event: E,
  payload: MediaRequestPayload<E>,
  timeoutMs = 15_000,
): Promise<MediaRequestData<E>> {
  return new Promise((resolve, reject) => {
    // socket.io's typed emit cannot follow a generic event name; the event map above is the check.
    const timed = socket.timeout(timeoutMs);
    const emit = timed.emit as unknown as (
      event: string,
      payload: unknown,
      ack: (err: Error | null, response: Ack<MediaRequestData<E>>) => void,
    ) => void;
    emit.call(timed, event, payload, (err, response) => {
      if (err) {
        reject(new MediaRequestError({ code: 'TIMEOUT', message: 'Server tidak menjawab.', messageEn: 'The server did not answer.' }));
      } else if (response.ok) {
        resolve(response.data);
      } else {
        reject(new MediaRequestError(response.error));
      }
    });
  });
}
