// Assembles what the documents module needs from the ceremony state and storage.
import type { AgreementDefinition, Party, Room } from '../../shared/domain/types';
import type { AgreementDocumentInput, FinalizeAgreementInput } from '../documents/types';
import { findAgreement, type CeremonyState } from '../domain/state';
import type { CeremonyStore } from '../persistence/store-contract';
import { publicEvidence } from '../security/signer-evidence';

export function agreementDocumentInput(state: CeremonyState, agreement: AgreementDefinition): AgreementDocumentInput {
  const { ceremony, index } = state;
  const parties = agreement.parties.map((id) => index.party.get(id)).filter((p): p is Party => !!p);
  const roomIds = new Set(parties.map((p) => p.room));
  const rooms = [...roomIds].map((id) => index.room.get(id)).filter((r): r is Room => !!r);
  return {
    ceremony: { id: ceremony.id, title: ceremony.title, startsAt: ceremony.startsAt },
    agreement: { id: agreement.id, title: agreement.title, parties: agreement.parties, valueIdr: agreement.valueIdr },
    parties,
    rooms,
  };
}

export async function finalizeInput(
  state: CeremonyState,
  store: CeremonyStore,
  agreementId: string,
  verifyUrl: string,
): Promise<FinalizeAgreementInput | undefined> {
  const agreement = findAgreement(state, agreementId);
  const original = await store.getOriginal(state.ceremony.id, agreementId);
  if (!agreement || !original) return undefined;
  const signatures = await store.getSignatures(state.ceremony.id, agreementId);
  const bySigner = new Map(signatures.map((s) => [s.record.partyId, s]));
  return {
    document: agreementDocumentInput(state, agreement),
    original: original.pdf,
    originalSha256: original.sha256,
    verifyUrl,
    // In the agreement's party order, so each stamp lands in its own box.
    signatures: agreement.parties
      .map((partyId) => bySigner.get(partyId))
      .filter((s): s is NonNullable<typeof s> => !!s)
      .map((s) => ({
        party: state.index.party.get(s.record.partyId)!,
        room: state.index.room.get(s.record.roomId)!,
        record: s.record,
        evidence: publicEvidence(s.evidence),
        ...(s.image ? { image: s.image } : {}),
      })),
  };
}
