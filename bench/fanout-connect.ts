// Opens many Socket.IO connections through a window of handshakes in flight (bench/fanout.ts and
// its audience processes, bench/fanout-audience.ts).
import { io, type Socket } from 'socket.io-client';

/**
 * Opens n connections, at most `window` handshakes in flight at a time (a new one starts when one
 * is ready or fails), and resolves once each is ready. It gives up only when no connection became
 * ready for `stallMs` (a loaded machine drops a few): the figures then count only the connected
 * ones. Opening all 10,000 at once made most of them time out on a loaded 2-core machine; a window
 * keeps the listen backlog and both processes' loops from being what is measured.
 */
export function connectMany(url: string, n: number, auth: Record<string, string>, readyEvent: string | null, window = 200, stallMs = 60_000): Promise<{ sockets: Socket[]; ms: number; bytes: number }> {
  const t0 = performance.now();
  const all: Socket[] = [];
  const ready = new Set<Socket>();
  let bytes = 0;
  let opened = 0;
  let failed = 0;
  return new Promise((resolvePromise) => {
    let finished = false;
    let stall: NodeJS.Timeout | undefined;
    const armStall = () => {
      if (stall) clearTimeout(stall);
      stall = setTimeout(finish, stallMs);
    };
    const finish = () => {
      if (finished) return;
      finished = true;
      if (stall) clearTimeout(stall);
      for (const s of all) if (!ready.has(s)) s.close();
      if (ready.size < n) console.log(`  (${n - ready.size} of ${n} connections not ready (${failed} failed, the rest stalled ${stallMs / 1000} s); measuring ${ready.size})`);
      resolvePromise({ sockets: [...ready], ms: performance.now() - t0, bytes: bytes / Math.max(1, ready.size) });
    };
    const next = () => {
      if (finished) return;
      if (ready.size + failed === n) return finish();
      while (opened < n && opened - ready.size - failed < window) open();
    };
    const done = (s: Socket, view?: unknown) => {
      if (finished || ready.has(s)) return;
      if (view !== undefined) bytes += JSON.stringify(view).length;
      ready.add(s);
      armStall();
      next();
    };
    const open = () => {
      opened += 1;
      const s = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false, timeout: stallMs });
      all.push(s);
      let gaveUp = false;
      s.once('connect_error', () => {
        if (gaveUp || ready.has(s)) return;
        gaveUp = true;
        failed += 1;
        next();
      });
      // Observers of the code before issue 11 get 'ceremony:snapshot', after it 'observer:snapshot'.
      if (readyEvent) for (const event of readyEvent.split('|')) s.once(event, (view: unknown) => done(s, view));
      else s.once('connect', () => done(s));
    };
    armStall();
    next();
  });
}
