// The client facade against the real server (Node's socket.io-client): snapshots, acks turned
// into results and merged at once, broadcasts reaching other clients, refusals and bad tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spotlightRoomIds } from '../../../client/lib/ceremony-state';
import { CeremonyClient, type CeremonyClientState } from '../../../client/lib/ceremony-client';
import { startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer;
const clients: CeremonyClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await server?.close();
});

function connectClient(token?: string): CeremonyClient {
  const client = new CeremonyClient({ ceremonyId: server.ceremonyId, token, url: server.url, requestTimeoutMs: 5000 });
  clients.push(client);
  client.connect();
  return client;
}

function until(client: CeremonyClient, predicate: (s: CeremonyClientState) => boolean, timeoutMs = 10_000): Promise<CeremonyClientState> {
  return new Promise((resolve, reject) => {
    if (predicate(client.getState())) return resolve(client.getState());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timeout; last state ${JSON.stringify({ ...client.getState(), view: undefined })}`));
    }, timeoutMs);
    const stop = client.subscribe(() => {
      if (!predicate(client.getState())) return;
      clearTimeout(timer);
      stop();
      resolve(client.getState());
    });
  });
}

describe('CeremonyClient against the real server', () => {
  it('catches up with a snapshot, merges its own acks at once and sees others’ broadcasts', async () => {
    const organizer = connectClient(server.organizerToken);
    const observer = connectClient();
    const o = await until(organizer, (s) => !!s.view);
    expect(o.status).toBe('connected');
    expect(o.view?.you.role).toBe('organizer');
    expect((await until(observer, (s) => !!s.view)).view?.you.role).toBe('observer');

    const refused = await organizer.request('agreement:call', { agreementIds: ['K-001'] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('INVALID_PHASE');

    const opened = await organizer.request('ceremony:openLobby', {});
    expect(opened.ok).toBe(true);
    // Merged from the ack itself, before any broadcast needs to arrive.
    expect(organizer.getState().view?.ceremony.phase).toBe('lobby');
    await until(observer, (s) => s.view?.ceremony.phase === 'lobby');

    await organizer.request('ceremony:startSigning', {});
    const called = await organizer.request('agreement:call', { agreementIds: ['K-002'], waveName: 'Sulawesi Selatan' });
    expect(called.ok && called.data.agreements.map((a) => a.status)).toEqual(['called']);
    expect(organizer.getState().view?.ceremony.agreements.find((a) => a.id === 'K-002')?.status).toBe('called');
    // The wave (numbered by the server) reaches the caller with the ack.
    expect(organizer.getState().view?.ceremony.waves.map((w) => [w.number, w.name])).toEqual([[1, 'Sulawesi Selatan']]);
    // Observers get no agreements (tally-only channel), but the called agreement's rooms as the spotlight.
    const view = organizer.getState().view!;
    const k2 = view.ceremony.agreements.find((a) => a.id === 'K-002')!;
    const rooms = view.ceremony.parties.filter((p) => k2.parties.includes(p.id)).map((p) => p.room);
    const seen = await until(observer, (s) => !!s.view && rooms.every((r) => spotlightRoomIds(s.view!).includes(r)));
    expect(seen.view?.ceremony.agreements).toEqual([]);
    const waveId = called.ok ? called.data.waveId : '';
    const recalled = await organizer.request('wave:recall', { waveId });
    expect(recalled.ok && recalled.data.agreements.map((a) => [a.id, a.status])).toEqual([['K-002', 'pending']]);
    await until(organizer, (s) => s.view?.ceremony.agreements.find((a) => a.id === 'K-002')?.status === 'pending');
  });

  it('reports a refused credential with the server’s code and stops', async () => {
    const stranger = connectClient('not-a-valid-token');
    const state = await until(stranger, (s) => s.status === 'refused');
    expect(state.problem?.code).toBe('INVITE_MALFORMED');
    expect(state.problem?.message).toBe('Tautan undangan tidak lengkap atau rusak.');
    expect(state.view).toBeUndefined();
  });

  it('answers requests made while disconnected with an error instead of hanging', async () => {
    const client = new CeremonyClient({ ceremonyId: server.ceremonyId, url: server.url });
    clients.push(client);
    const result = await client.request('ceremony:sync', {});
    expect(result.ok).toBe(false);
  });
});
