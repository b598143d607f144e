// Placeholder until the embedded SFU lands; the media engineer replaces this file.
import type { Ceremony } from '../../shared/domain/types';
import type { RealtimePlugin, SaksiServer } from '../realtime/types';

export interface MediaPluginOptions {
  io: SaksiServer;
  env: NodeJS.ProcessEnv;
  getCeremony(ceremonyId: string): Ceremony | undefined;
}

export function createMediaPlugin(_options: MediaPluginOptions): RealtimePlugin {
  return { attach() {}, async close() {} };
}
