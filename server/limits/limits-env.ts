// The environment variables that tune the limits (parsed by config.ts with the rest).
import { z } from 'zod';
import { DEFAULT_LIMITS, type Limits } from './limits';

const positive = z.coerce.number().positive();
const count = z.coerce.number().int().min(1);

export const ZLimitsEnvSchema = z.object({
  RATE_SOCKET_PER_SEC: positive.optional(),
  RATE_SOCKET_BURST: count.optional(),
  RATE_SYNC_PER_MIN: positive.optional(),
  RATE_SYNC_BURST: count.optional(),
  RATE_ADDRESS_EVENTS_PER_SEC: positive.optional(),
  RATE_ADDRESS_EVENTS_BURST: count.optional(),
  RATE_ADDRESS_CONNECTS_PER_SEC: positive.optional(),
  RATE_ADDRESS_CONNECTS_BURST: count.optional(),
  RATE_ADDRESS_MAX_SOCKETS: count.optional(),
  RATE_HTTP_PER_SEC: positive.optional(),
  RATE_HTTP_BURST: count.optional(),
  RATE_VERIFY_UPLOADS_PER_MIN: positive.optional(),
  RATE_VERIFY_UPLOADS_BURST: count.optional(),
  RATE_HEAVY_PER_MIN: positive.optional(),
  RATE_HEAVY_BURST: count.optional(),
  AUTH_FAILURES_PER_MIN: positive.optional(),
  AUTH_FAILURES_BURST: count.optional(),
  SOCKET_BUFFER_SOFT_KB: count.optional(),
  SOCKET_BUFFER_MAX_KB: count.optional(),
  SOCKET_BUFFER_TOTAL_MB: count.optional(),
  SYNC_CACHE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  PRESENCE_SETTLE_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** 0: every command its own commit (one fsync each), as before group commit. */
  GROUP_COMMIT: z.enum(['0', '1']).optional(),
  COMMIT_BATCH_COMMANDS: z.coerce.number().int().min(1).max(10_000).optional(),
  COMMIT_BATCH_MB: z.coerce.number().positive().max(1024).optional(),
});
export type TLimitsEnv = z.infer<typeof ZLimitsEnvSchema>;

export function limitsFromEnv(e: TLimitsEnv): Limits {
  const d = DEFAULT_LIMITS;
  const rule = (perSec: number | undefined, burst: number | undefined, fallback: Limits['socketEvents']) => ({
    ratePerSec: perSec ?? fallback.ratePerSec,
    burst: burst ?? fallback.burst,
  });
  const perMin = (value: number | undefined) => (value === undefined ? undefined : value / 60);
  return {
    socketEvents: rule(e.RATE_SOCKET_PER_SEC, e.RATE_SOCKET_BURST, d.socketEvents),
    socketSync: rule(perMin(e.RATE_SYNC_PER_MIN), e.RATE_SYNC_BURST, d.socketSync),
    socketStrikes: d.socketStrikes,
    addressEvents: rule(e.RATE_ADDRESS_EVENTS_PER_SEC, e.RATE_ADDRESS_EVENTS_BURST, d.addressEvents),
    addressConnects: rule(e.RATE_ADDRESS_CONNECTS_PER_SEC, e.RATE_ADDRESS_CONNECTS_BURST, d.addressConnects),
    addressMaxSockets: e.RATE_ADDRESS_MAX_SOCKETS ?? d.addressMaxSockets,
    httpRequests: rule(e.RATE_HTTP_PER_SEC, e.RATE_HTTP_BURST, d.httpRequests),
    verifyUploads: rule(perMin(e.RATE_VERIFY_UPLOADS_PER_MIN), e.RATE_VERIFY_UPLOADS_BURST, d.verifyUploads),
    heavyRequests: rule(perMin(e.RATE_HEAVY_PER_MIN), e.RATE_HEAVY_BURST, d.heavyRequests),
    credentialFailures: rule(perMin(e.AUTH_FAILURES_PER_MIN), e.AUTH_FAILURES_BURST, d.credentialFailures),
    socketSoftBufferedBytes: e.SOCKET_BUFFER_SOFT_KB !== undefined ? e.SOCKET_BUFFER_SOFT_KB * 1024 : d.socketSoftBufferedBytes,
    socketMaxBufferedBytes: e.SOCKET_BUFFER_MAX_KB !== undefined ? e.SOCKET_BUFFER_MAX_KB * 1024 : d.socketMaxBufferedBytes,
    totalBufferedBytes: e.SOCKET_BUFFER_TOTAL_MB !== undefined ? e.SOCKET_BUFFER_TOTAL_MB * 1024 * 1024 : d.totalBufferedBytes,
    syncCacheMs: e.SYNC_CACHE_MS ?? d.syncCacheMs,
    presenceSettleMs: e.PRESENCE_SETTLE_MS ?? d.presenceSettleMs,
    commitBatch: {
      maxCommands: e.GROUP_COMMIT === '0' ? 1 : (e.COMMIT_BATCH_COMMANDS ?? d.commitBatch.maxCommands),
      maxEvents: d.commitBatch.maxEvents,
      maxAttachmentBytes: e.COMMIT_BATCH_MB !== undefined ? Math.round(e.COMMIT_BATCH_MB * 1024 * 1024) : d.commitBatch.maxAttachmentBytes,
    },
  };
}
