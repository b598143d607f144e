// The one place the screens talk to the server: socket lifecycle, the state store, and typed
// requests whose acks become results. Components read state and call these methods only.
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/ack';
import type {
  CeremonyClientToServerEvents,
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
} from '../../shared/protocol/events';
import type { CeremonyView } from '../../shared/protocol/views';
import { ERRORS, type ErrorCode } from '../../shared/errors';
import { applyUpdate, viewFromObserverView, type ServerUpdate } from './ceremony-state';

export type SaksiClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface ConnectionProblem {
  code: ErrorCode | 'NETWORK';
  message?: string;
  messageEn?: string;
}

export interface CeremonyClientState {
  status: ConnectionStatus;
  view?: CeremonyView;
  /** Why the last connection attempt failed; cleared once connected again. */
  problem?: ConnectionProblem;
  /** Server clock minus local clock, from the last snapshot; keeps local clocks honest. */
  clockOffsetMs: number;
  /** Increments on every catch-up snapshot, so screens can tell a reconnect happened. */
  snapshots: number;
}

type Requests = CeremonyClientToServerEvents;
export type RequestName = keyof Requests;
export type RequestPayload<E extends RequestName> = Parameters<Requests[E]>[0];
export type RequestData<E extends RequestName> =
  Parameters<Requests[E]>[1] extends (response: Ack<infer T>) => void ? T : never;

export interface CeremonyClientOptions {
  ceremonyId: string;
  token?: string;
  /** Same origin by default; tests pass the server URL. */
  url?: string;
  /** How long a request may wait for its ack. */
  requestTimeoutMs?: number;
  /** If no snapshot arrives this long after (re)connecting, ask for one. */
  snapshotGraceMs?: number;
}

const AUTH_CODES = new Set<string>(['UNAUTHENTICATED', 'INVITE_MALFORMED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'FORBIDDEN', 'CEREMONY_NOT_FOUND']);

function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, value);
}

export class CeremonyClient {
  readonly socket: SaksiClientSocket;
  private state: CeremonyClientState = { status: 'connecting', clockOffsetMs: 0, snapshots: 0 };
  private readonly listeners = new Set<() => void>();
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly requestTimeoutMs: number;
  private readonly snapshotGraceMs: number;
  private closed = false;

  constructor(options: CeremonyClientOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.snapshotGraceMs = options.snapshotGraceMs ?? 3_000;
    const auth: HandshakeAuth = { ceremonyId: options.ceremonyId, ...(options.token ? { token: options.token } : {}) };
    const socketOptions = { auth, autoConnect: false, transports: ['websocket', 'polling'] };
    this.socket = options.url ? io(options.url, socketOptions) : io(socketOptions);
    this.wire();
  }

  connect(): void {
    if (!this.closed) this.socket.connect();
  }

  getState = (): CeremonyClientState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sends a request and resolves with its ack; timeouts and disconnects become error acks. */
  request<E extends RequestName>(event: E, payload: RequestPayload<E>): Promise<Ack<RequestData<E>>> {
    return new Promise((resolve) => {
      if (!this.socket.connected) {
        resolve(networkError());
        return;
      }
      // socket.io's typed emit cannot follow a generic event name; the event map above is the contract.
      const emitter = this.socket.timeout(this.requestTimeoutMs) as unknown as {
        emit(event: string, payload: unknown, ack: (err: Error | null, res: Ack<RequestData<E>>) => void): void;
      };
      emitter.emit(event, payload, (err, res) => {
        if (err || !res) {
          resolve(networkError());
          return;
        }
        if (res.ok) this.absorbAck(event, res.data);
        resolve(res);
      });
    });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.snapshotTimer);
    clearTimeout(this.retryTimer);
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }

  private wire(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.setState({ status: 'connected', problem: undefined });
      this.expectSnapshot();
    });
    s.on('disconnect', (reason) => {
      // A server-side disconnect (e.g. the invite was re-issued) is not retried by socket.io.
      const status: ConnectionStatus = reason === 'io client disconnect' ? 'refused' : 'reconnecting';
      this.setState({ status, problem: { code: 'NETWORK' } });
      if (reason === 'io server disconnect' && !this.closed) s.connect();
    });
    s.on('connect_error', (err: Error & { data?: { message?: string; messageEn?: string; retryAfterMs?: number } }) => {
      if (err.message === 'RATE_LIMITED') {
        // Refused by the server's admission limits: socket.io does not retry a refusal by itself.
        const fallback = ERRORS.RATE_LIMITED;
        this.setState({ status: 'reconnecting', problem: { code: 'RATE_LIMITED', message: err.data?.message ?? fallback.id, messageEn: err.data?.messageEn ?? fallback.en } });
        clearTimeout(this.retryTimer);
        const wait = Math.min(60_000, Math.max(1000, err.data?.retryAfterMs ?? 5000)) * (1 + Math.random() * 0.5);
        this.retryTimer = setTimeout(() => this.connect(), wait);
        return;
      }
      if (AUTH_CODES.has(err.message) && isErrorCode(err.message)) {
        const fallback = ERRORS[err.message];
        this.setState({
          status: 'refused',
          problem: { code: err.message, message: err.data?.message ?? fallback.id, messageEn: err.data?.messageEn ?? fallback.en },
        });
        return;
      }
      this.setState({ status: 'reconnecting', problem: { code: 'NETWORK' } });
    });
    s.on('ceremony:snapshot', (view) => this.receiveSnapshot(view));
    s.on('ceremony:phase', (change) => this.update({ type: 'phase', change }));
    s.on('ceremony:updated', ({ agreements, tally }, version) => this.update({ type: 'changes', agreements, tally, version }));
    s.on('wave:called', (wave, version) => this.update({ type: 'wave', wave, version }));
    s.on('presence:updated', (presence) => this.update({ type: 'presence', presence }));
    // Observers' tally (participants get theirs in ceremony:updated).
    s.on('tally:updated', (tally, version) => this.update({ type: 'tally', tally, version }));
    s.on('activity:appended', (items) => this.update({ type: 'activity', items }));
    s.on('beritaAcara:updated', (signing) => this.update({ type: 'beritaAcara', signing }));
    // Observers get the tally-only view and spotlight instead of the full view and agreements.
    s.on('observer:snapshot', (view) => this.receiveSnapshot(viewFromObserverView(view, view.ceremony.id)));
    s.on('observer:spotlight', (roomIds, version) => this.update({ type: 'spotlight', roomIds, version }));
  }

  private expectSnapshot(): void {
    clearTimeout(this.snapshotTimer);
    const before = this.state.snapshots;
    this.snapshotTimer = setTimeout(() => {
      if (this.state.snapshots !== before || !this.socket.connected) return;
      void this.request('ceremony:sync', {});
    }, this.snapshotGraceMs);
  }

  private receiveSnapshot(view: CeremonyView): void {
    clearTimeout(this.snapshotTimer);
    this.setState({
      view: applyUpdate(this.state.view, { type: 'snapshot', view }),
      clockOffsetMs: Date.parse(view.serverTime) - Date.now(),
      snapshots: this.state.snapshots + 1,
    });
  }

  /** Successful acks carry fresh data; merge it now rather than waiting for the broadcast. */
  private absorbAck(event: RequestName, data: unknown): void {
    switch (event) {
      case 'ceremony:sync':
        this.receiveSnapshot(data as CeremonyView);
        return;
      case 'ceremony:openLobby':
      case 'ceremony:startSigning':
      case 'ceremony:close':
        this.update({ type: 'phase', change: data as RequestData<'ceremony:close'> });
        return;
      case 'agreement:call': {
        const result = data as RequestData<'agreement:call'>;
        this.update({ type: 'wave', wave: result.wave });
        this.update({ type: 'agreements', agreements: result.agreements });
        return;
      }
      case 'wave:recall':
        this.update({ type: 'agreements', agreements: (data as RequestData<'wave:recall'>).agreements });
        return;
      case 'agreement:recall':
        this.update({ type: 'agreements', agreements: [data as RequestData<'agreement:recall'>] });
        return;
      case 'agreement:retryStamp':
        this.update({ type: 'agreements', agreements: [data as RequestData<'agreement:retryStamp'>] });
        return;
      case 'agreement:sign':
        this.update({ type: 'agreements', agreements: [(data as RequestData<'agreement:sign'>).agreement] });
        return;
      case 'room:reissueInvite':
        return;
      case 'beritaAcara:sign':
      case 'beritaAcara:finishWithoutOfficials':
        this.update({ type: 'beritaAcara', signing: data as RequestData<'beritaAcara:sign'> });
        return;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  }

  private update(update: ServerUpdate): void {
    const view = applyUpdate(this.state.view, update);
    if (view !== this.state.view) this.setState({ view });
  }

  private setState(patch: Partial<CeremonyClientState>): void {
    if (this.closed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function networkError<T>(): Ack<T> {
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: 'Koneksi ke server terputus. Coba lagi setelah tersambung kembali.',
      messageEn: 'The connection to the server was lost. Try again once reconnected.',
    },
  };
}
