// A Socket.IO connection that survives the loss of a Saksi node, as a load balancer would make it:
// when its node goes away it connects to the next URL of the list (websocket first, then long
// polling), and a request whose node died before answering is sent again on the new connection.
// Every request of the protocol is idempotent for this (a signature sent twice is stored once
// and acknowledged as a duplicate), so "sent again" never means "done twice".
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/ack';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import type { CeremonyView, ObserverView } from '../../shared/protocol/views';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** What a connection is greeted with: the full view, or an observer's tally-only view. */
export type FirstView = { kind: 'ceremony'; view: CeremonyView } | { kind: 'observer'; view: ObserverView };

export interface FailoverOptions {
  urls: string[];
  /** Index of the URL to try first (spreads clients over the nodes). */
  start?: number;
  ceremonyId: string;
  token?: string;
  /** How long to keep trying the nodes before giving up. */
  giveUpMs?: number;
  /** Called with every new connection (to listen for broadcasts) and its first view. */
  onConnected?: (socket: ClientSocket, first: FirstView, url: string) => void;
  /** Called when a connection was lost (before reconnecting). */
  onLost?: (url: string) => void;
}

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_INTERNAL_RETRIES = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * When a node dies, all its clients lose it in the same instant. Reconnecting all at once to the
 * same next node overloads it (handshakes time out, then everyone retries together again), as
 * bench:cluster showed with 1,000 clients. So, as socket.io-client's own reconnection does, each
 * client waits a random delay first and backs off exponentially (with jitter) between rounds,
 * and a failover starts at a random node.
 */
const FIRST_RECONNECT_SPREAD_MS = 1_000;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 5_000;
export const backoffMs = (round: number, random = Math.random): number =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** round) * (0.5 + random());

export class FailoverSocket {
  private socket: ClientSocket | undefined;
  private connecting: Promise<ClientSocket> | undefined;
  private next: number;
  private closed = false;
  /** Connections made after the first (each a failover). */
  reconnects = 0;
  url = '';

  constructor(private readonly o: FailoverOptions) {
    this.next = o.start ?? 0;
  }

  /** The current connection, (re)connecting if needed. */
  connection(): Promise<ClientSocket> {
    if (this.socket?.connected) return Promise.resolve(this.socket);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Sends a request and waits for its ack; a lost node means: reconnect elsewhere and send again. */
  async ask<T>(event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
    let internalRetries = 0;
    for (;;) {
      const socket = await this.connection();
      let r: Ack<T>;
      try {
        r = await (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<T>> } })
          .timeout(REQUEST_TIMEOUT_MS)
          .emitWithAck(event, payload);
      } catch {
        // No ack: the node died or the connection broke. Drop it and ask again elsewhere.
        if (socket === this.socket) this.drop();
        continue;
      }
      if (r.ok) return r;
      // A run at full speed may outrun the per-socket limit: wait as told, then ask again.
      if (r.error.code === 'RATE_LIMITED') {
        await sleep(r.error.retryAfterMs ?? 1000);
        continue;
      }
      // Several nodes committing to one ceremony at once can exhaust the server's conflict retries
      // (INTERNAL); the request is idempotent, so it is sent again after a short, jittered pause.
      if (r.error.code === 'INTERNAL' && internalRetries < MAX_INTERNAL_RETRIES) {
        internalRetries += 1;
        await sleep(100 + Math.random() * 400 * internalRetries);
        continue;
      }
      return r;
    }
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private drop(): void {
    const lost = this.socket;
    this.socket = undefined;
    if (lost) {
      lost.removeAllListeners();
      lost.close();
      this.o.onLost?.(this.url);
    }
  }

  private async connect(failover = false): Promise<ClientSocket> {
    const deadline = Date.now() + (this.o.giveUpMs ?? 60_000);
    let lastError: unknown;
    if (failover) {
      this.next = Math.floor(Math.random() * this.o.urls.length);
      await sleep(Math.random() * FIRST_RECONNECT_SPREAD_MS);
    }
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new Error('closed');
      if (Date.now() > deadline) throw new Error(`tidak ada node yang menjawab / no node answered: ${String(lastError)}`);
      const url = this.o.urls[this.next % this.o.urls.length];
      this.next += 1;
      try {
        const { socket, first } = await openSocket(url, this.o.ceremonyId, this.o.token);
        if (this.socket || this.url) this.reconnects += 1;
        this.socket = socket;
        this.url = url;
        socket.on('disconnect', () => {
          if (this.socket !== socket || this.closed) return;
          this.drop();
          // Reconnect now (presence, broadcasts), not only at the next request — after a random
          // spread, so that a dead node's clients do not all land on one node in the same instant.
          this.connecting ??= this.connect(true).finally(() => (this.connecting = undefined));
          this.connecting.catch(() => undefined);
        });
        this.o.onConnected?.(socket, first, url);
        return socket;
      } catch (error) {
        lastError = error;
        // A refused credential will not get better on another node.
        if (error instanceof Error && /TOKEN_|FORBIDDEN|INVITE_/.test(error.message)) throw error;
        if (attempt % this.o.urls.length === this.o.urls.length - 1) await sleep(backoffMs(Math.floor(attempt / this.o.urls.length)));
      }
    }
  }
}

function openSocket(url: string, ceremonyId: string, token?: string): Promise<{ socket: ClientSocket; first: FirstView }> {
  const socket: ClientSocket = io(url, {
    auth: { ceremonyId, ...(token ? { token } : {}) },
    // Websocket first: a load balancer without sticky sessions works; polling is the fallback.
    transports: ['websocket', 'polling'],
    forceNew: true,
    reconnection: false,
    timeout: 5_000,
  });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      socket.removeAllListeners();
      socket.close();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`${url}: no snapshot`)), 10_000);
    socket.once('ceremony:snapshot', (view) => {
      clearTimeout(timer);
      socket.off('observer:snapshot');
      resolve({ socket, first: { kind: 'ceremony', view } });
    });
    socket.once('observer:snapshot', (view) => {
      clearTimeout(timer);
      socket.off('ceremony:snapshot');
      resolve({ socket, first: { kind: 'observer', view } });
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      fail(new Error(`${url}: ${err.message}`));
    });
  });
}
