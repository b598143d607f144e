// Pure rules for who sees what on the media stage, and which rooms a called agreement spotlights.
import type { Ceremony } from '../../shared/domain/types';
import type { Identity } from '../../shared/protocol/views';

export function findStageRoomId(ceremony: Ceremony | undefined): string | undefined {
  return ceremony?.rooms.find((room) => room.isStage)?.id;
}

/**
 * Organizers see every room. Officials and observers see the stage room and the featured rooms
 * (the parties of the agreements at the signing desk, or the organizer's choice); an official
 * never gets their own room back.
 */
export function canSeeRoom(
  identity: Identity,
  roomId: string,
  stage: { stageRoomId?: string; featuredRoomIds: readonly string[] },
): boolean {
  switch (identity.role) {
    case 'organizer':
      return true;
    case 'official':
      if (identity.roomId === roomId) return false;
      return roomId === stage.stageRoomId || stage.featuredRoomIds.includes(roomId);
    case 'observer':
      return roomId === stage.stageRoomId || stage.featuredRoomIds.includes(roomId);
  }
}

/** Rooms of every party of the given agreements, except the stage room, in roster order. */
export function roomsOfAgreements(ceremony: Ceremony, agreementIds: readonly string[]): string[] {
  const stageRoomId = findStageRoomId(ceremony);
  const partyIds = new Set(
    ceremony.agreements.filter((agreement) => agreementIds.includes(agreement.id)).flatMap((agreement) => agreement.parties),
  );
  const roomIds = new Set(ceremony.parties.filter((party) => partyIds.has(party.id)).map((party) => party.room));
  return ceremony.rooms.map((room) => room.id).filter((id) => roomIds.has(id) && id !== stageRoomId);
}
