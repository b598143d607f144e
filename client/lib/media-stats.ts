// Reads what the browser decoded from its consumers: frames decoded and packets per kind, and the
// audio level (0..1) that drives the "speaking" indicator in the organizer's gallery.
import type { Consumer } from 'mediasoup-client/types';

export interface ReceiveStats {
  framesDecoded: number;
  audioLevel: number;
  audioPacketsReceived: number;
  videoPacketsReceived: number;
  packetsLost: number;
}

interface InboundRtpReport {
  type: string;
  kind?: string;
  framesDecoded?: number;
  audioLevel?: number;
  packetsReceived?: number;
  packetsLost?: number;
}

export async function readConsumerStats(consumers: Consumer[]): Promise<ReceiveStats> {
  const stats: ReceiveStats = { framesDecoded: 0, audioLevel: 0, audioPacketsReceived: 0, videoPacketsReceived: 0, packetsLost: 0 };
  for (const consumer of consumers) {
    if (consumer.closed) continue;
    let report: RTCStatsReport;
    try {
      report = await consumer.getStats();
    } catch {
      continue;
    }
    report.forEach((entry: InboundRtpReport) => {
      if (entry.type !== 'inbound-rtp') return;
      stats.packetsLost += entry.packetsLost ?? 0;
      if (entry.kind === 'video') {
        stats.framesDecoded += entry.framesDecoded ?? 0;
        stats.videoPacketsReceived += entry.packetsReceived ?? 0;
      } else if (entry.kind === 'audio') {
        stats.audioLevel = Math.max(stats.audioLevel, entry.audioLevel ?? 0);
        stats.audioPacketsReceived += entry.packetsReceived ?? 0;
      }
    });
  }
  return stats;
}
