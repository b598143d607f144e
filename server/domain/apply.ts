// The ceremony state machine: apply(state, command, ctx) → new state and events, or an error.
// Pure and synchronous: no clocks (ctx.now), no ids (the caller supplies waveId), no I/O.
// A refused command returns the error and leaves the state untouched.
import type { Agreement, CeremonyPhase, SignatureRecord } from '../../shared/domain/types';
import type { Actor, Command, CommandContext } from './commands';
import { fail, ok, type Result } from './errors';
import type { DomainEvent } from './events';
import { findAgreement, replaceAgreements, type CeremonyState } from './state';
import { tallyAgreementSigned, tallyAgreementStamped, tallyPartySigned } from './tally';

export interface Applied {
  state: CeremonyState;
  events: DomainEvent[];
  /** Agreements whose public view changed, for broadcasting. */
  changedAgreements: Agreement[];
  /** For `sign`: the party had signed already, nothing changed. */
  duplicate?: boolean;
}

const unchanged = (state: CeremonyState, duplicate = false): Result<Applied> =>
  ok({ state, events: [], changedAgreements: [], duplicate });

export function apply(state: CeremonyState, command: Command, ctx: CommandContext): Result<Applied> {
  switch (command.type) {
    case 'openLobby':
      return transition(state, command.actor, ['draft'], 'lobby', { type: 'ceremony.lobbyOpened', at: ctx.now });
    case 'startSigning':
      return transition(state, command.actor, ['lobby'], 'signing', { type: 'ceremony.signingStarted', at: ctx.now });
    case 'close':
      return transition(state, command.actor, ['lobby', 'signing'], 'closed', { type: 'ceremony.closed', at: ctx.now });
    case 'call':
      return call(state, command, ctx);
    case 'recall':
      return recall(state, command, ctx);
    case 'join':
    case 'leave':
      return presence(state, command, ctx);
    case 'sign':
      return sign(state, command, ctx);
    case 'markStamped':
      return markStamped(state, command, ctx);
    case 'markStampFailed':
      return markStampFailed(state, command, ctx);
    case 'retryStamp':
      return retryStamp(state, command, ctx);
    case 'reissueInvite':
      return reissueInvite(state, command, ctx);
    default: {
      const never: never = command;
      return fail('INVALID_PAYLOAD', `unknown command ${JSON.stringify(never)}`);
    }
  }
}

const isOrganizer = (actor: Actor) => actor.role === 'organizer' || actor.role === 'system';

function transition(
  state: CeremonyState,
  actor: Actor,
  from: CeremonyPhase[],
  to: CeremonyPhase,
  event: DomainEvent,
): Result<Applied> {
  if (!isOrganizer(actor)) return fail('FORBIDDEN', `${actor.role} cannot move the ceremony to ${to}`);
  if (!from.includes(state.ceremony.phase)) {
    return fail('INVALID_PHASE', `cannot move from ${state.ceremony.phase} to ${to}`);
  }
  return ok({
    state: {
      ...state,
      ceremony: { ...state.ceremony, phase: to },
      tally: { ...state.tally, phase: to, updatedAt: event.at },
    },
    events: [event],
    changedAgreements: [],
  });
}

function call(state: CeremonyState, command: Extract<Command, { type: 'call' }>, ctx: CommandContext): Result<Applied> {
  if (!isOrganizer(command.actor)) return fail('FORBIDDEN', 'only organizers call agreements');
  if (state.ceremony.phase !== 'signing') return fail('INVALID_PHASE', 'agreements are called while signing');
  const ids = [...new Set(command.agreementIds)];
  const missing = ids.filter((id) => !findAgreement(state, id));
  if (missing.length) return fail('AGREEMENT_NOT_FOUND', `unknown agreements: ${missing.join(', ')}`, missing);
  const done = ids.filter((id) => {
    const status = findAgreement(state, id)!.status;
    return status === 'signed' || status === 'stamped';
  });
  if (done.length) return fail('ALREADY_SIGNED', `already signed: ${done.join(', ')}`, done);
  const changed = ids.map(
    (id): Agreement => ({ ...findAgreement(state, id)!, status: 'called', calledAt: ctx.now, waveId: command.waveId }),
  );
  return ok({
    state: { ...state, ceremony: replaceAgreements(state, changed) },
    events: [{ type: 'agreement.called', at: ctx.now, waveId: command.waveId, agreementIds: ids }],
    changedAgreements: changed,
  });
}

function recall(state: CeremonyState, command: Extract<Command, { type: 'recall' }>, ctx: CommandContext): Result<Applied> {
  if (!isOrganizer(command.actor)) return fail('FORBIDDEN', 'only organizers recall agreements');
  const agreement = findAgreement(state, command.agreementId);
  if (!agreement) return fail('AGREEMENT_NOT_FOUND', command.agreementId);
  if (agreement.status !== 'called') {
    return agreement.status === 'pending'
      ? fail('NOT_CALLED', `${agreement.id} is not at the desk`)
      : fail('ALREADY_SIGNED', `${agreement.id} is already signed`);
  }
  // Signatures already given stay: recalling pauses the desk, it does not undo anyone's act.
  const changed: Agreement = { ...agreement, status: 'pending', calledAt: undefined, waveId: undefined };
  return ok({
    state: { ...state, ceremony: replaceAgreements(state, [changed]) },
    events: [{ type: 'agreement.recalled', at: ctx.now, agreementId: agreement.id }],
    changedAgreements: [changed],
  });
}

function presence(
  state: CeremonyState,
  command: Extract<Command, { type: 'join' | 'leave' }>,
  ctx: CommandContext,
): Result<Applied> {
  const { actor, roomId } = command;
  if (actor.role !== 'system' && !(actor.role === 'official' && actor.roomId === roomId)) {
    return fail('FORBIDDEN', 'only a room’s own officials are present in it');
  }
  const current = state.presence[roomId];
  if (!current) return fail('NOT_FOUND', `room ${roomId}`);
  const connections = Math.max(0, current.connections + (command.type === 'join' ? 1 : -1));
  const online = connections > 0;
  const next = { roomId, connections, online, since: online === current.online ? current.since : ctx.now };
  const event: DomainEvent =
    command.type === 'join'
      ? { type: 'room.joined', at: ctx.now, roomId, connections }
      : { type: 'room.left', at: ctx.now, roomId, connections };
  return ok({
    state: { ...state, presence: { ...state.presence, [roomId]: next } },
    events: [event],
    changedAgreements: [],
  });
}

function sign(state: CeremonyState, command: Extract<Command, { type: 'sign' }>, ctx: CommandContext): Result<Applied> {
  const { actor } = command;
  if (actor.role !== 'official') return fail('FORBIDDEN', `${actor.role} cannot sign`);
  const agreement = findAgreement(state, command.agreementId);
  if (!agreement) return fail('AGREEMENT_NOT_FOUND', command.agreementId);
  if (!agreement.parties.includes(command.partyId)) {
    return fail('PARTY_NOT_IN_AGREEMENT', `${command.partyId} is not a party of ${agreement.id}`);
  }
  const party = state.index.party.get(command.partyId)!;
  if (party.room !== actor.roomId) return fail('WRONG_ROOM', `${party.id} sits in ${party.room}, not ${actor.roomId}`);
  // Idempotency: a repeated or concurrent request for the same party yields the one signature.
  if (agreement.signatures[party.id]) return unchanged(state, true);
  if (state.ceremony.phase !== 'signing') return fail('INVALID_PHASE', 'signing is not open');
  if (agreement.status !== 'called') {
    return agreement.status === 'pending'
      ? fail('NOT_CALLED', `${agreement.id} is not at the desk`)
      : fail('ALREADY_SIGNED', `${agreement.id} is complete`);
  }
  const { signature } = command;
  if (signature.kind === 'drawn' ? !signature.imageSha256 : !signature.typedText?.trim()) {
    return fail('INVALID_SIGNATURE', 'a drawn signature needs an image, a typed one a name');
  }
  const room = state.index.room.get(party.room)!;
  const record: SignatureRecord = {
    agreementId: agreement.id,
    partyId: party.id,
    kind: signature.kind,
    signerName: party.representative.name,
    signerTitle: party.representative.title,
    roomId: room.id,
    timezone: room.timezone,
    signedAt: ctx.now,
    ...(signature.kind === 'drawn' ? { imageSha256: signature.imageSha256 } : { typedText: signature.typedText!.trim() }),
  };
  const signatures = { ...agreement.signatures, [party.id]: record };
  const complete = agreement.parties.every((id) => signatures[id]);
  const changed: Agreement = complete
    ? { ...agreement, signatures, status: 'signed', signedAt: ctx.now }
    : { ...agreement, signatures };
  const previous = state.partySignatures[party.id] ?? 0;
  let tally = tallyPartySigned(state.tally, party, previous === 0, ctx.now);
  const events: DomainEvent[] = [{ type: 'signature.recorded', at: ctx.now, signature: record, evidence: command.evidence }];
  if (complete) {
    tally = tallyAgreementSigned(tally, changed, state.index, ctx.now);
    events.push({ type: 'agreement.signed', at: ctx.now, agreementId: agreement.id });
  }
  return ok({
    state: {
      ...state,
      ceremony: replaceAgreements(state, [changed]),
      partySignatures: { ...state.partySignatures, [party.id]: previous + 1 },
      tally,
    },
    events,
    changedAgreements: [changed],
  });
}

function markStamped(
  state: CeremonyState,
  command: Extract<Command, { type: 'markStamped' }>,
  ctx: CommandContext,
): Result<Applied> {
  if (command.actor.role !== 'system') return fail('FORBIDDEN', 'only the platform stamps');
  const agreement = findAgreement(state, command.agreementId);
  if (!agreement) return fail('AGREEMENT_NOT_FOUND', command.agreementId);
  if (agreement.status === 'stamped') return unchanged(state, true);
  if (agreement.status !== 'signed') return fail('DOCUMENT_NOT_READY', `${agreement.id} is ${agreement.status}`);
  const { stampFailure: _parked, ...rest } = agreement;
  const changed: Agreement = { ...rest, status: 'stamped', stampedAt: ctx.now, documentSha256: command.documentSha256 };
  return ok({
    state: {
      ...state,
      ceremony: replaceAgreements(state, [changed]),
      tally: tallyAgreementStamped(state.tally, ctx.now),
    },
    events: [{ type: 'agreement.stamped', at: ctx.now, agreementId: agreement.id, documentSha256: command.documentSha256 }],
    changedAgreements: [changed],
  });
}

/** The stamping queue gave up on an agreement: it is parked, visibly, until an organizer retries. */
function markStampFailed(
  state: CeremonyState,
  command: Extract<Command, { type: 'markStampFailed' }>,
  ctx: CommandContext,
): Result<Applied> {
  if (command.actor.role !== 'system') return fail('FORBIDDEN', 'only the platform reports stamping');
  const agreement = findAgreement(state, command.agreementId);
  if (!agreement) return fail('AGREEMENT_NOT_FOUND', command.agreementId);
  if (agreement.status !== 'signed') return fail('DOCUMENT_NOT_READY', `${agreement.id} is ${agreement.status}`);
  if (agreement.stampFailure) return unchanged(state, true);
  const { reason, attempts, detail } = command;
  const changed: Agreement = { ...agreement, stampFailure: { at: ctx.now, reason, attempts, detail } };
  return ok({
    state: { ...state, ceremony: replaceAgreements(state, [changed]) },
    events: [{ type: 'agreement.stampFailed', at: ctx.now, agreementId: agreement.id, reason, attempts, detail }],
    changedAgreements: [changed],
  });
}

/** An organizer sends a parked agreement back to the stamping queue. */
function retryStamp(state: CeremonyState, command: Extract<Command, { type: 'retryStamp' }>, ctx: CommandContext): Result<Applied> {
  if (!isOrganizer(command.actor)) return fail('FORBIDDEN', 'only organizers retry stamping');
  const agreement = findAgreement(state, command.agreementId);
  if (!agreement) return fail('AGREEMENT_NOT_FOUND', command.agreementId);
  if (agreement.status !== 'signed' || !agreement.stampFailure) return fail('NOT_STAMP_FAILED', `${agreement.id} is ${agreement.status}`);
  const { stampFailure: _parked, ...changed } = agreement;
  return ok({
    state: { ...state, ceremony: replaceAgreements(state, [changed]) },
    events: [{ type: 'agreement.stampRetried', at: ctx.now, agreementId: agreement.id }],
    changedAgreements: [changed],
  });
}

function reissueInvite(
  state: CeremonyState,
  command: Extract<Command, { type: 'reissueInvite' }>,
  ctx: CommandContext,
): Result<Applied> {
  if (!isOrganizer(command.actor)) return fail('FORBIDDEN', 'only organizers issue invites');
  if (!state.index.room.has(command.roomId)) return fail('NOT_FOUND', `room ${command.roomId}`);
  const epoch = (state.inviteEpochs[command.roomId] ?? 0) + 1;
  return ok({
    state: { ...state, inviteEpochs: { ...state.inviteEpochs, [command.roomId]: epoch } },
    events: [{ type: 'invite.reissued', at: ctx.now, roomId: command.roomId, epoch }],
    changedAgreements: [],
  });
}
