// Real socket.io-client connections for tests: typed requests that resolve to the ack's data
// (or throw with the error code), and waiting for broadcasts.
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/ack';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import type { CeremonyView, ObserverView } from '../../shared/protocol/views';
import { viewFromObserverView } from '../../client/lib/ceremony-state';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Connected {
  socket: ClientSocket;
  /** An observer's tally-only view is converted as the client facade does. */
  snapshot: CeremonyView;
  /** Set for observers: the tally-only view as sent. */
  observerView?: ObserverView;
}

/**
 * `timeoutMs`: how long to wait for the snapshot. 10 s is plenty for one server; the cluster test
 * waits longer, because its three nodes, PostgreSQL and Redis share two cores with the rest of the
 * suite and a snapshot there first reads the stored version.
 */
export function connect(url: string, ceremonyId: string, token?: string, timeoutMs = 10_000): Promise<Connected> {
  const socket: ClientSocket = io(url, {
    auth: { ceremonyId, ...(token ? { token } : {}) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`connect timeout: no snapshot from ${url} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('ceremony:snapshot', (snapshot) => {
      clearTimeout(timer);
      resolve({ socket, snapshot });
    });
    socket.once('observer:snapshot', (view) => {
      clearTimeout(timer);
      resolve({ socket, snapshot: viewFromObserverView(view, view.ceremony.id), observerView: view });
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
}

type Requests = ClientToServerEvents;
type DataOf<E extends keyof Requests> = Parameters<Requests[E]>[1] extends (r: Ack<infer T>) => void ? T : never;

/** Sends a request and returns the raw ack. */
export function request<E extends keyof Requests>(socket: ClientSocket, event: E, payload: Parameters<Requests[E]>[0]): Promise<Ack<DataOf<E>>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${String(event)}: no ack`)), 15_000);
    (socket as unknown as { emit(e: string, p: unknown, cb: (r: Ack<DataOf<E>>) => void): void }).emit(event, payload, (r) => {
      clearTimeout(timer);
      resolve(r);
    });
  });
}

/** Sends a request and returns its data, throwing `Error(code)` on refusal. */
export async function must<E extends keyof Requests>(socket: ClientSocket, event: E, payload: Parameters<Requests[E]>[0]): Promise<DataOf<E>> {
  const r = await request(socket, event, payload);
  if (!r.ok) throw Object.assign(new Error(`${String(event)} refused: ${r.error.code} ${r.error.messageEn}`), { code: r.error.code });
  return r.data;
}

/** Resolves with the first broadcast of `event` that satisfies `predicate`. */
export function waitFor<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const s = socket as unknown as { on(e: string, l: (...a: any[]) => void): void; off(e: string, l: (...a: any[]) => void): void };
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`timeout waiting for ${String(event)}`));
    }, timeoutMs);
    const listener = (...args: any[]) => {
      if (!predicate(...(args as Parameters<ServerToClientEvents[E]>))) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(args as Parameters<ServerToClientEvents[E]>);
    };
    s.on(event, listener);
  });
}

/** A small valid PNG (a dark stroke on white) as a data URL, built with node:zlib only. */
export { signaturePngDataUrl } from '../../server/cli/signature-png';
