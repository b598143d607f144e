// The store suite on a real PostgreSQL (a throwaway server started for this file).
import pg from 'pg';
import { describe } from 'vitest';
import { openPostgresStore } from '../../server/persistence/postgres/postgres-store';
import type { CeremonyStore } from '../../server/persistence/store-contract';
import { POSTGRES_MISSING, useLocalPostgres } from '../support/postgres';
import { describeStoreContract } from './store-contract';

const postgres = useLocalPostgres();

describe.skipIf(!!POSTGRES_MISSING)('PostgreSQL', () => {
  describeStoreContract('PostgreSQL', async () => {
    const url = await postgres.fresh();
    const store = await openPostgresStore(url);
    const peers: CeremonyStore[] = [];
    return {
      store,
      openPeer: async () => {
        const peer = await openPostgresStore(url);
        peers.push(peer);
        return peer;
      },
      loseStampJobs: async (ceremonyId) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query('DELETE FROM stamp_jobs WHERE ceremony_id = $1', [ceremonyId]);
        await client.end();
      },
      close: async () => {
        await Promise.all([store, ...peers].map((s) => s.close()));
      },
    };
  });
});
