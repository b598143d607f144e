// Cluster mode's part of start-up (DATABASE_URL set): the shared PostgreSQL store, the secrets and
// seal identity every node shares (encrypted under SECRETS_KEY), the Redis link when REDIS_URL is
// set, and a race-safe "seed the demo once" for nodes that start together.
import type { ClusterConfig } from '../config';
import type { SealIdentity } from '../documents/certificates';
import { openPostgresStore } from '../persistence/postgres/postgres-store';
import type { CeremonyStore } from '../persistence/store-contract';
import type { Secrets } from '../security/secrets';
import { connectCluster, type ClusterLink } from './cluster-link';
import { loadSharedSealIdentity, loadSharedSecrets } from './shared-secrets';

export interface ClusterParts {
  store: CeremonyStore;
  secrets: Secrets;
  seal: SealIdentity;
  link?: ClusterLink;
}

export async function openClusterParts(
  cluster: ClusterConfig,
  options: { nodeId: string; organizerToken?: string; sealP12Path?: string; sealP12Passphrase?: string; log: (m: string, e?: unknown) => void },
): Promise<ClusterParts> {
  const store = await openPostgresStore(cluster.databaseUrl);
  try {
    const secrets = await loadSharedSecrets(store, cluster.secretsKey, options.organizerToken);
    const seal = await loadSharedSealIdentity(store, cluster.secretsKey, { p12Path: options.sealP12Path, p12Passphrase: options.sealP12Passphrase });
    const link = cluster.redisUrl ? await connectCluster({ redisUrl: cluster.redisUrl, nodeId: options.nodeId, log: options.log }) : undefined;
    return { store, secrets, seal, link };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * True for exactly one node of the cluster, ever: the one that may import the demo ceremony.
 * The flag is a shared secret (insert-if-absent), so nodes starting together cannot both win.
 * If the winner dies before its import is stored, no demo appears: import a roster instead.
 */
export function claimDemoSeed(store: Pick<CeremonyStore, 'sharedSecret'>, nodeId: string): Promise<boolean> {
  return claimOnce(store, 'demo-seed-claim', nodeId);
}

/** True for the one node whose claim of `name` was stored first (a once-flag; claims never expire). */
export async function claimOnce(store: Pick<CeremonyStore, 'sharedSecret'>, name: string, nodeId: string): Promise<boolean> {
  const mine = Buffer.from(nodeId, 'utf8');
  const winner = await store.sharedSecret(name, mine);
  return Buffer.from(winner).equals(mine);
}
