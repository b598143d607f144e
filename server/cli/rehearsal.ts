// A full dress rehearsal through the same Socket.IO protocol the browser uses: every room joins
// as its official, the organizer runs the ceremony and calls the agreements in waves, every party
// signs, the organizer closes. Also the project's load generator (concurrency and pace).
import { io, type Socket } from 'socket.io-client';
import type { Agreement, Party, Tally } from '../../shared/domain/types';
import type { Ack } from '../../shared/protocol/ack';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import type { CeremonyLinks, CeremonyView } from '../../shared/protocol/views';
import { hasSigned } from '../../shared/domain/own-keys';
import { signaturePngDataUrl } from './signature-png';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RehearsalOptions {
  url: string;
  ceremonyId: string;
  token: string;
  waveSize: number;
  /** Signature requests in flight at once. */
  concurrency: number;
  /** Pause before each signature request, per worker (ms): a human-paced rehearsal. */
  paceMs: number;
  /** Share of drawn (PNG) signatures; the rest are typed. */
  drawnRatio: number;
  timeoutMs: number;
  close: boolean;
  log: (line: string) => void;
}

export interface RehearsalSummary {
  agreementsTotal: number;
  agreementsSigned: number;
  agreementsStamped: number;
  signaturesSent: number;
  duplicates: number;
  refused: number;
  elapsedMs: number;
  /** From the first call to the last agreement stamped. */
  callToLastStampMs: number;
  signingMs: number;
  ok: boolean;
}

function connect(url: string, ceremonyId: string, token: string): Promise<{ socket: ClientSocket; view: CeremonyView }> {
  const socket: ClientSocket = io(url, { auth: { ceremonyId, token }, transports: ['websocket'], forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('ceremony:snapshot', (view) => resolve({ socket, view }));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(new Error(`tidak dapat terhubung / cannot connect: ${err.message}`));
    });
  });
}

async function ask<T>(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
  for (;;) {
    const r = await (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<T>> } })
      .timeout(30_000)
      .emitWithAck(event, payload);
    // A rehearsal at full speed may outrun the per-socket limit: wait as told, then ask again.
    if (r.ok || r.error.code !== 'RATE_LIMITED') return r;
    await sleep(r.error.retryAfterMs ?? 1000);
  }
}

async function must<T>(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  const r = await ask<T>(socket, event, payload);
  if (!r.ok) throw new Error(`${event}: ${r.error.code} — ${r.error.message} / ${r.error.messageEn}`);
  return r.data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRehearsal(o: RehearsalOptions): Promise<RehearsalSummary> {
  const started = Date.now();
  const linksRes = await fetch(`${o.url}/api/ceremonies/${encodeURIComponent(o.ceremonyId)}/links`, {
    headers: { authorization: `Bearer ${o.token}` },
  });
  if (!linksRes.ok) throw new Error(`GET links: HTTP ${linksRes.status} ${await linksRes.text()}`);
  const links = (await linksRes.json()) as CeremonyLinks;

  const organizer = await connect(o.url, o.ceremonyId, o.token);
  const sockets: ClientSocket[] = [organizer.socket];
  try {
    const { ceremony } = organizer.view;
    let tally: Tally = organizer.view.tally;
    const agreements = new Map<string, Agreement>(ceremony.agreements.map((a) => [a.id, a]));
    organizer.socket.on('tally:updated', (t) => (tally = t));
    organizer.socket.on('agreements:updated', (list) => list.forEach((a) => agreements.set(a.id, a)));
    const parties = new Map<string, Party>(ceremony.parties.map((p) => [p.id, p]));

    const roomsWithParties = new Set(ceremony.parties.map((p) => p.room));
    const officials = new Map<string, ClientSocket>();
    for (const link of links.rooms.filter((r) => roomsWithParties.has(r.roomId))) {
      const token = decodeURIComponent(new URL(link.url).hash.replace(/^#token=/, ''));
      const { socket } = await connect(o.url, o.ceremonyId, token);
      sockets.push(socket);
      officials.set(link.roomId, socket);
    }
    o.log(`${officials.size} ruang bergabung / rooms joined`);

    if (ceremony.phase === 'closed') throw new Error('upacara sudah ditutup / the ceremony is already closed');
    if (ceremony.phase === 'draft') await must(organizer.socket, 'ceremony:openLobby', {});
    if (ceremony.phase !== 'signing') await must(organizer.socket, 'ceremony:startSigning', {});
    o.log('penandatanganan dimulai / signing started');

    const todo = ceremony.agreements.filter((a) => a.status === 'pending' || a.status === 'called');
    let sent = 0;
    let duplicates = 0;
    let refused = 0;
    let firstCallAt = 0;
    const signingStarted = Date.now();
    for (let w = 0; w < todo.length; w += o.waveSize) {
      const wave = todo.slice(w, w + o.waveSize);
      await must(organizer.socket, 'agreement:call', { agreementIds: wave.map((a) => a.id) });
      firstCallAt ||= Date.now();
      const jobs = wave.flatMap((a) => a.parties.filter((p) => !hasSigned(a, p)).map((partyId) => ({ agreementId: a.id, partyId })));
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          if (o.paceMs) await sleep(o.paceMs);
          const party = parties.get(job.partyId)!;
          const socket = officials.get(party.room);
          if (!socket) throw new Error(`ruang ${party.room} tidak tersambung / room not connected`);
          const drawn = (sent % 100) / 100 < o.drawnRatio;
          sent += 1;
          const r = await ask<{ duplicate: boolean }>(socket, 'agreement:sign', {
            ...job,
            signature: drawn ? { kind: 'drawn', dataUrl: signaturePngDataUrl(sent) } : { kind: 'typed', text: party.representative.name },
          });
          if (!r.ok) {
            refused += 1;
            o.log(`  ditolak / refused ${job.agreementId}/${job.partyId}: ${r.error.code}`);
          } else if (r.data.duplicate) duplicates += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
      o.log(`gelombang / wave ${w / o.waveSize + 1}: ${wave.length} perjanjian dipanggil, ${tally.agreementsSigned}/${tally.agreementsTotal} ditandatangani`);
    }
    const signingMs = Date.now() - signingStarted;

    // Wait until every agreement is stamped (stamping runs in the server's background queue).
    const deadline = started + o.timeoutMs;
    let lastReport = 0;
    const countStamped = () => [...agreements.values()].filter((a) => a.status === 'stamped').length;
    while (countStamped() < agreements.size && Date.now() < deadline) {
      if (Date.now() - lastReport > 2000) {
        o.log(`  distempel / stamped ${countStamped()}/${agreements.size}`);
        lastReport = Date.now();
      }
      await sleep(100);
    }
    const lastStampAt = Date.now();
    const view = await must<CeremonyView>(organizer.socket, 'ceremony:sync', {});
    const final = view.tally;
    if (o.close && view.ceremony.phase !== 'closed') {
      await must(organizer.socket, 'ceremony:close', {});
      // The officials named in the roster sign the Berita Acara from their rooms; then it is sealed.
      for (const official of view.ceremony.officials ?? []) {
        let socket = officials.get(official.room);
        const link = links.rooms.find((r) => r.roomId === official.room);
        if (!socket && link) {
          socket = (await connect(o.url, o.ceremonyId, decodeURIComponent(new URL(link.url).hash.replace(/^#token=/, '')))).socket;
          sockets.push(socket);
          officials.set(official.room, socket);
        }
        if (!socket) throw new Error(`ruang ${official.room} tidak tersambung / room not connected`);
        await must(socket, 'beritaAcara:sign', { officialId: official.id, signature: { kind: 'typed', text: official.name } });
        o.log(`Berita Acara ditandatangani / signed by ${official.name}`);
      }
    }
    const summary: RehearsalSummary = {
      agreementsTotal: final.agreementsTotal,
      agreementsSigned: final.agreementsSigned,
      agreementsStamped: final.agreementsStamped,
      signaturesSent: sent,
      duplicates,
      refused,
      elapsedMs: Date.now() - started,
      callToLastStampMs: firstCallAt ? lastStampAt - firstCallAt : 0,
      signingMs,
      ok: final.agreementsSigned === final.agreementsTotal && final.agreementsStamped === final.agreementsTotal,
    };
    return summary;
  } finally {
    for (const s of sockets) s.close();
  }
}
