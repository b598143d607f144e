// Media settings read once from the environment. Ports are UDP, one per WebRTC transport.
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const ZPortSchema = z.coerce.number().int().min(1024).max(65535);

const ZMediaEnvSchema = z
  .object({
    MEDIA_LISTEN_IP: z.string().ip().default('127.0.0.1'),
    MEDIA_ANNOUNCED_IP: z.string().min(1).optional(),
    MEDIA_MIN_PORT: ZPortSchema.default(40000),
    MEDIA_MAX_PORT: ZPortSchema.default(49999),
    // Without congestion feedback Chrome stays near 300 kbps; this hint lets it start higher.
    MEDIA_START_BITRATE_KBPS: z.coerce.number().int().min(100).max(10000).default(1000),
    // A transport that sends nothing (no STUN, RTP or RTCP) for this long is treated as gone.
    MEDIA_LIVENESS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120000).default(8000),
    // werift: the embedded SFU (default, no C++); mediasoup: the worker built by `npm run media:mediasoup`.
    MEDIA_BACKEND: z.enum(['werift', 'mediasoup']).default('werift'),
    // mediasoup worker processes; one per core unless told otherwise.
    MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    // werift: 1 runs the SFU in its own worker thread (default), 0 on the main event loop.
    MEDIA_SFU_THREAD: z.enum(['0', '1']).default('1'),
    // Nice value the SFU thread asks for (Linux, needs CAP_SYS_NICE below the process's own): media
    // is real-time, stamping is batch work on the same cores. Empty or 'off' leaves it alone.
    MEDIA_SFU_NICE: z.union([z.literal('off'), z.coerce.number().int().min(-20).max(19)]).default(-10),
    // Linux: SCHED_RR real-time priority (1-99) for the SFU thread, on top of nice: a runnable
    // real-time thread takes a core from any stamping worker at once instead of waiting its turn.
    // Measured (bench:stage): at nice -10 alone the thread still waited ~1 ms for a core and held
    // packets up to 12 ms (p99) under a burst; at SCHED_RR it waited ~0 and its p99 stayed flat.
    // Needs CAP_SYS_NICE and chrt (util-linux), else the server logs it once and goes on at nice;
    // the kernel's RT throttling still leaves 5 % of each core to everyone else. 'off': ordinary scheduler.
    MEDIA_SFU_RTPRIO: z.union([z.literal('off'), z.coerce.number().int().min(1).max(99)]).default(10),
  })
  .refine((env) => env.MEDIA_MIN_PORT <= env.MEDIA_MAX_PORT, {
    message: 'MEDIA_MIN_PORT must not exceed MEDIA_MAX_PORT',
    path: ['MEDIA_MIN_PORT'],
  });

export interface MediaConfig {
  listenIp: string;
  announcedIp: string;
  minPort: number;
  maxPort: number;
  startBitrateKbps: number;
  livenessTimeoutMs: number;
  backend: 'werift' | 'mediasoup';
  workers: number;
  /** werift backend: forward media in a worker thread (true) or on the main event loop. */
  sfuThread: boolean;
  /** Nice value for the SFU worker thread, or undefined to leave its priority alone. */
  sfuNice: number | undefined;
  /** SCHED_RR priority for the SFU worker thread, or undefined for the ordinary scheduler. */
  sfuRealtimePriority: number | undefined;
}

export function readMediaConfig(env: NodeJS.ProcessEnv): MediaConfig {
  const parsed = ZMediaEnvSchema.parse({
    MEDIA_LISTEN_IP: env.MEDIA_LISTEN_IP || undefined,
    MEDIA_ANNOUNCED_IP: env.MEDIA_ANNOUNCED_IP || undefined,
    MEDIA_MIN_PORT: env.MEDIA_MIN_PORT || undefined,
    MEDIA_MAX_PORT: env.MEDIA_MAX_PORT || undefined,
    MEDIA_START_BITRATE_KBPS: env.MEDIA_START_BITRATE_KBPS || undefined,
    MEDIA_LIVENESS_TIMEOUT_MS: env.MEDIA_LIVENESS_TIMEOUT_MS || undefined,
    MEDIA_BACKEND: env.MEDIA_BACKEND || undefined,
    MEDIA_WORKERS: env.MEDIA_WORKERS || undefined,
    MEDIA_SFU_THREAD: env.MEDIA_SFU_THREAD || undefined,
    MEDIA_SFU_NICE: env.MEDIA_SFU_NICE || undefined,
    MEDIA_SFU_RTPRIO: env.MEDIA_SFU_RTPRIO || undefined,
  });
  return {
    listenIp: parsed.MEDIA_LISTEN_IP,
    announcedIp: parsed.MEDIA_ANNOUNCED_IP ?? parsed.MEDIA_LISTEN_IP,
    minPort: parsed.MEDIA_MIN_PORT,
    maxPort: parsed.MEDIA_MAX_PORT,
    startBitrateKbps: parsed.MEDIA_START_BITRATE_KBPS,
    livenessTimeoutMs: parsed.MEDIA_LIVENESS_TIMEOUT_MS,
    backend: parsed.MEDIA_BACKEND,
    workers: parsed.MEDIA_WORKERS ?? availableParallelism(),
    sfuThread: parsed.MEDIA_SFU_THREAD === '1',
    sfuNice: parsed.MEDIA_SFU_NICE === 'off' ? undefined : parsed.MEDIA_SFU_NICE,
    sfuRealtimePriority: parsed.MEDIA_SFU_RTPRIO === 'off' ? undefined : parsed.MEDIA_SFU_RTPRIO,
  };
}
