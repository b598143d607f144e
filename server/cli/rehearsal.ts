// A full dress rehearsal through the same Socket.IO protocol the browser uses: every room joins
// as its official, the organizer runs the ceremony and calls the agreements in waves, every party
// signs, the organizer closes. Also the project's load generator (concurrency and pace).
// Against a cluster (`urls`: every node) the rooms are spread over the nodes and each connection
// fails over to the next node when its own goes away, sending unanswered requests again.
import type { Agreement, Party, Tally } from '../../shared/domain/types';
import type { Ack } from '../../shared/protocol/ack';
import type { ClientToServerEvents } from '../../shared/protocol/events';
import type { CeremonyLinks, CeremonyView } from '../../shared/protocol/views';
import { hasSigned } from '../../shared/domain/own-keys';
import { signaturePngDataUrl } from './signature-png';
import { FailoverSocket } from './failover-socket';

export interface RehearsalOptions {
  url: string;
  /** Every node of a cluster (`url` is used when absent). */
  urls?: string[];
  /** Called when a signature is acknowledged (not a duplicate): the agreement and party. */
  onAcknowledged?: (agreementId: string, partyId: string) => void;
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
  /**
   * Draws every signature PNG before the first call instead of during the burst (a benchmark on
   * the server's own cores then measures the server, not the client's drawing).
   */
  prepareSignatures?: boolean;
  /** Called just before the first call is sent (a bench starts its measurements there). */
  onFirstCall?: () => void;
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
  /** Connections that moved to another node because theirs went away. */
  failovers: number;
  ok: boolean;
}

async function ask<T>(socket: FailoverSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
  return socket.ask<T>(event, payload);
}

async function must<T>(socket: FailoverSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  const r = await ask<T>(socket, event, payload);
  if (!r.ok) throw new Error(`${event}: ${r.error.code} — ${r.error.message} / ${r.error.messageEn}`);
  return r.data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRehearsal(o: RehearsalOptions): Promise<RehearsalSummary> {
  const started = Date.now();
  const urls = o.urls?.length ? o.urls : [o.url];
  const linksRes = await fetch(`${urls[0]}/api/ceremonies/${encodeURIComponent(o.ceremonyId)}/links`, {
    headers: { authorization: `Bearer ${o.token}` },
  });
  if (!linksRes.ok) throw new Error(`GET links: HTTP ${linksRes.status} ${await linksRes.text()}`);
  const links = (await linksRes.json()) as CeremonyLinks;

  let view: CeremonyView | undefined;
  let tally: Tally | undefined;
  const agreements = new Map<string, Agreement>();
  /** Called after each agreements update (the wait for the last stamp listens to it). */
  let onAgreements: (() => void) | undefined;
  const organizer = new FailoverSocket({
    urls,
    ceremonyId: o.ceremonyId,
    token: o.token,
    onConnected: (socket, greeting) => {
      if (greeting.kind !== 'ceremony') return;
      const first = greeting.view;
      // Each (re)connection's snapshot repairs what a lost node's broadcasts did not deliver.
      view = first;
      tally = first.tally;
      for (const a of first.ceremony.agreements) agreements.set(a.id, a);
      socket.on('ceremony:updated', (update) => {
        if (update.tally) tally = update.tally;
        update.agreements.forEach((a) => agreements.set(a.id, a));
        onAgreements?.();
      });
    },
  });
  const sockets: FailoverSocket[] = [organizer];
  try {
    await organizer.connection();
    const { ceremony } = view!;
    const parties = new Map<string, Party>(ceremony.parties.map((p) => [p.id, p]));

    const roomsWithParties = new Set(ceremony.parties.map((p) => p.room));
    const officials = new Map<string, FailoverSocket>();
    for (const [i, link] of links.rooms.filter((r) => roomsWithParties.has(r.roomId)).entries()) {
      const token = decodeURIComponent(new URL(link.url).hash.replace(/^#token=/, ''));
      const socket = new FailoverSocket({ urls, start: i + 1, ceremonyId: o.ceremonyId, token });
      await socket.connection();
      sockets.push(socket);
      officials.set(link.roomId, socket);
    }
    o.log(`${officials.size} ruang bergabung / rooms joined`);

    if (ceremony.phase === 'closed') throw new Error('upacara sudah ditutup / the ceremony is already closed');
    if (ceremony.phase === 'draft') await must(organizer, 'ceremony:openLobby', {});
    if (ceremony.phase !== 'signing') await must(organizer, 'ceremony:startSigning', {});
    o.log('penandatanganan dimulai / signing started');

    const todo = ceremony.agreements.filter((a) => a.status === 'pending' || a.status === 'called');
    const drawings = new Map<number, string>();
    if (o.prepareSignatures) {
      const total = todo.reduce((n, a) => n + a.parties.filter((p) => !hasSigned(a, p)).length, 0);
      for (let seed = 1; seed <= total; seed++) drawings.set(seed, signaturePngDataUrl(seed));
    }
    let sent = 0;
    let duplicates = 0;
    let refused = 0;
    let firstCallAt = 0;
    const signingStarted = Date.now();
    for (let w = 0; w < todo.length; w += o.waveSize) {
      const wave = todo.slice(w, w + o.waveSize);
      if (w === 0) o.onFirstCall?.();
      await must(organizer, 'agreement:call', { agreementIds: wave.map((a) => a.id) });
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
            signature: drawn ? { kind: 'drawn', dataUrl: drawings.get(sent) ?? signaturePngDataUrl(sent) } : { kind: 'typed', text: party.representative.name },
          });
          if (!r.ok) {
            refused += 1;
            o.log(`  ditolak / refused ${job.agreementId}/${job.partyId}: ${r.error.code}`);
          } else if (r.data.duplicate) duplicates += 1;
          else o.onAcknowledged?.(job.agreementId, job.partyId);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
      o.log(`gelombang / wave ${w / o.waveSize + 1}: ${wave.length} perjanjian dipanggil, ${tally?.agreementsSigned}/${tally?.agreementsTotal} ditandatangani`);
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
      // Woken by the update that brings a stamp, so the last one is timed when it arrives.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        onAgreements = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    onAgreements = undefined;
    const lastStampAt = Date.now();
    const synced = await must<CeremonyView>(organizer, 'ceremony:sync', {});
    const final = synced.tally;
    if (o.close && synced.ceremony.phase !== 'closed') {
      await must(organizer, 'ceremony:close', {});
      // The officials named in the roster sign the Berita Acara from their rooms; then it is sealed.
      for (const official of synced.ceremony.officials ?? []) {
        let socket = officials.get(official.room);
        const link = links.rooms.find((r) => r.roomId === official.room);
        if (!socket && link) {
          const token = decodeURIComponent(new URL(link.url).hash.replace(/^#token=/, ''));
          socket = new FailoverSocket({ urls, start: sockets.length, ceremonyId: o.ceremonyId, token });
          await socket.connection();
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
      failovers: sockets.reduce((n, s) => n + s.reconnects, 0),
      ok: final.agreementsSigned === final.agreementsTotal && final.agreementsStamped === final.agreementsTotal,
    };
    return summary;
  } finally {
    for (const s of sockets) s.close();
  }
}
