// How much anonymous (and authenticated) work one client may cause. Per-socket limits are tight;
// per-address limits are generous, because tests, the rehearsal CLI and real ceremonies put many
// legitimate clients behind one address (loopback, a government office's NAT, a carrier's CGNAT).
// Every figure can be changed through the environment (see config.ts and the README).
import { DEFAULT_COMMIT_BATCH, type CommitBatchLimits } from '../ceremony/commit-batch';
import type { BucketRule } from './token-buckets';

export interface Limits {
  /** Requests (any client→server event) of one socket. */
  socketEvents: BucketRule;
  /** `ceremony:sync` of one socket, on top of socketEvents: the full view is the largest answer. */
  socketSync: BucketRule;
  /** Refused requests a socket may keep sending before it is disconnected as greedy. */
  socketStrikes: BucketRule;
  /** Requests of all sockets from one address (only those their own socket's limit allowed). */
  addressEvents: BucketRule;
  /** New socket connections from one address. */
  addressConnects: BucketRule;
  /** Open Engine.IO connections from one address. */
  addressMaxSockets: number;
  /** HTTP requests from one address. */
  httpRequests: BucketRule;
  /** Verification uploads (POST /api/verify, POST /verify) from one address. */
  verifyUploads: BucketRule;
  /** Expensive pages: a seal check per view (/verify/:c/:a), record downloads, roster imports. */
  heavyRequests: BucketRule;
  /** Refused credentials from one address before further attempts are refused unchecked. */
  credentialFailures: BucketRule;
  /** Bytes waiting to be written to a socket above which `ceremony:sync` is refused. */
  socketSoftBufferedBytes: number;
  /** Bytes waiting to be written to a socket above which it is disconnected (it is not reading). */
  socketMaxBufferedBytes: number;
  /** Bytes waiting across all sockets; above it the most backed-up sockets are disconnected. */
  totalBufferedBytes: number;
  /** How long a built `ceremony:sync` view may be reused while nothing changed. */
  syncCacheMs: number;
  /** A room whose last connection left is audited offline after this long without returning. */
  presenceSettleMs: number;
  /** How many waiting commands of one ceremony one commit (one fsync) may carry. */
  commitBatch: CommitBatchLimits;
}

export const DEFAULT_LIMITS: Limits = {
  socketEvents: { ratePerSec: 20, burst: 120 },
  socketSync: { ratePerSec: 0.5, burst: 5 },
  socketStrikes: { ratePerSec: 10, burst: 100 },
  addressEvents: { ratePerSec: 500, burst: 2500 },
  addressConnects: { ratePerSec: 20, burst: 300 },
  addressMaxSockets: 2000,
  httpRequests: { ratePerSec: 100, burst: 600 },
  verifyUploads: { ratePerSec: 20 / 60, burst: 10 },
  heavyRequests: { ratePerSec: 2, burst: 60 },
  credentialFailures: { ratePerSec: 10 / 60, burst: 20 },
  socketSoftBufferedBytes: 1024 * 1024,
  socketMaxBufferedBytes: 8 * 1024 * 1024,
  totalBufferedBytes: 256 * 1024 * 1024,
  syncCacheMs: 2000,
  presenceSettleMs: 5000,
  commitBatch: DEFAULT_COMMIT_BATCH,
};
