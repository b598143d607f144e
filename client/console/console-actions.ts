import type { Agreement, BeritaAcaraSigning } from '../../shared/domain/types';
import type { Ack } from '../../shared/protocol/ack';
import type { CallResult, InviteLink, PhaseChange, WaveRecallResult } from '../../shared/protocol/views';
import type { CeremonyClient } from '../lib/ceremony-client';

/** What the console can ask of the server; the screen receives this, not the socket. */
export interface ConsoleActions {
  openLobby(): Promise<Ack<PhaseChange>>;
  startSigning(): Promise<Ack<PhaseChange>>;
  close(): Promise<Ack<PhaseChange>>;
  call(agreementIds: string[], waveName?: string): Promise<Ack<CallResult>>;
  recall(agreementId: string): Promise<Ack<Agreement>>;
  recallWave(waveId: string): Promise<Ack<WaveRecallResult>>;
  retryStamp(agreementId: string): Promise<Ack<Agreement>>;
  reissueInvite(roomId: string): Promise<Ack<InviteLink>>;
  finishWithoutOfficials(reason: string): Promise<Ack<BeritaAcaraSigning>>;
}

export function consoleActions(client: CeremonyClient): ConsoleActions {
  return {
    openLobby: () => client.request('ceremony:openLobby', {}),
    startSigning: () => client.request('ceremony:startSigning', {}),
    close: () => client.request('ceremony:close', {}),
    call: (agreementIds, waveName) => client.request('agreement:call', { agreementIds, ...(waveName ? { waveName } : {}) }),
    recall: (agreementId) => client.request('agreement:recall', { agreementId }),
    recallWave: (waveId) => client.request('wave:recall', { waveId }),
    retryStamp: (agreementId) => client.request('agreement:retryStamp', { agreementId }),
    reissueInvite: (roomId) => client.request('room:reissueInvite', { roomId }),
    finishWithoutOfficials: (reason) => client.request('beritaAcara:finishWithoutOfficials', { reason }),
  };
}
