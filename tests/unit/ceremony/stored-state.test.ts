// Two nodes (two CeremonyService instances on two handles of one SQLite file) with no commit
// notices between them, the worst case of a notice that has not arrived yet: node B's cache keeps
// a re-issued room's old invite epoch, and StoredState still answers with the new one. Concurrent
// callers share version reads, but none is answered from a read that started before its call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CeremonyService } from '../../../server/ceremony/ceremony-service';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { StoredState } from '../../../server/ceremony/stored-state';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import type { CeremonyStore } from '../../../server/persistence/store-contract';
import { tinyRoster } from '../../support/tiny-roster';

const ID = 'cabut';
const dir = mkdtempSync(join(tmpdir(), 'saksi-stored-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = () => '2021-01-18T03:00:00.000Z';

async function twoNodes(file: string) {
  const [a, b] = [openSqliteStore(join(dir, file)), openSqliteStore(join(dir, file))];
  const ceremony = rosterToCeremony(tinyRoster(ID), ID, '2021-01-18T02:00:00.000Z');
  await a.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((x) => [x.id, { pdf: new Uint8Array([37]), sha256: `sha-${x.id}` }])) });
  let versionReads = 0;
  // Version reads can be held back: the value is read at the call, returned when the gate opens.
  let gate: Promise<void> = Promise.resolve();
  const counted: CeremonyStore = new Proxy(b, {
    get(target, name, receiver) {
      if (name === 'version')
        return async (id: string) => {
          versionReads += 1;
          const version = await target.version(id);
          await gate;
          return version;
        };
      const value = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const nodeA = new CeremonyService({ store: a, now });
  const nodeB = new CeremonyService({ store: counted, now });
  const hold = () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    return open;
  };
  return { nodeA, nodeB, storeB: counted, hold, reads: () => versionReads, close: () => Promise.all([a.close(), b.close()]) };
}

describe('StoredState', () => {
  it('answers with a re-issue committed by another node before its notice arrived', async () => {
    const n = await twoNodes('reissue.db');
    try {
      const roomId = tinyRoster(ID).rooms[0].id;
      await n.nodeA.ensure(ID);
      const before = (await n.nodeB.ensure(ID))!.inviteEpochs.get(roomId);
      const reissued = await n.nodeA.execute(ID, { type: 'reissueInvite', actor: { role: 'organizer', ceremonyId: ID }, roomId });
      expect(reissued.ok).toBe(true);
      // Node B's cache has not heard of it (this is what the handshake compared before).
      expect(n.nodeB.get(ID)!.inviteEpochs.get(roomId)).toBe(before);
      const current = await new StoredState(n.nodeB, n.storeB).state(ID);
      expect(current!.inviteEpochs.get(roomId)).toBe(before! + 1);
      expect(n.nodeB.version(ID)).toBe(n.nodeA.version(ID));
      expect(await new StoredState(n.nodeB, n.storeB).state('toString')).toBeUndefined();
    } finally {
      await n.close();
    }
  });

  it('shares version reads between concurrent callers, each seeing a read started after its call', async () => {
    const n = await twoNodes('shared.db');
    try {
      const stored = new StoredState(n.nodeB, n.storeB);
      await stored.state(ID);
      const reads = n.reads();
      const roomId = tinyRoster(ID).rooms[1].id;
      // A read is in flight (it has read the version and is slow to return) when another node
      // commits a re-issue; 200 callers arrive after that commit.
      const open = n.hold();
      const inFlight = stored.state(ID);
      await new Promise((resolve) => setImmediate(resolve));
      await n.nodeA.execute(ID, { type: 'reissueInvite', actor: { role: 'organizer', ceremonyId: ID }, roomId });
      const burst = Array.from({ length: 200 }, () => stored.state(ID));
      open();
      const [early, ...late] = await Promise.all([inFlight, ...burst]);
      // The read in flight answers its own caller with what it read; the late callers share one new read.
      expect(early!.inviteEpochs.get(roomId)).toBe(0);
      for (const s of late) expect(s!.inviteEpochs.get(roomId)).toBe(1);
      expect(n.reads() - reads).toBe(2);
      expect(n.nodeB.version(ID)).toBe(n.nodeA.version(ID));
    } finally {
      await n.close();
    }
  });
});
