// The ceremony state machine: apply(state, command, ctx) → new state and events, or an error.
// Pure and synchronous: no clocks (ctx.now), no ids (the caller supplies waveId), no I/O.
// A refused command returns the error and leaves the state untouched.
import type { Agreement, CeremonyPhase, CeremonyTimeline, SignatureRecord, Wave } from '../../shared/domain/types';
import { MAX_TYPED_SIGNATURE_CHARS } from '../../shared/protocol/limits';
import { checkTypedSignature } from '../../shared/protocol/typed-signature';
import type { Actor, Command, CommandContext } from './commands';
import { fail, ok, type Result } from './errors';
import type { DomainEvent } from './events';
import { hasSigned, isFullySigned, withOwnValue } from '../../shared/domain/own-keys';
import { findAgreement, replaceAgreements, withEntry, type CeremonyState } from './state';
import { tallyAgreementSigned, tallyAgreementStamped, tallyPartySigned } from './tally';
import { finishWithoutOfficials, signBeritaAcara } from './berita-acara-signing';

export interface Applied {
  state: CeremonyState;
  events: DomainEvent[];
  /** Agreements whose public view changed, for broadcasting. */
  changedAgreements: Agreement[];
  /** For `sign`: the party had signed already, nothing changed. */
  duplicate?: boolean;
  /** Rooms whose live presence changed (presence changes are mostly not audited, see below). */
  presenceChanged?: string[];
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
    case 'recallWave':
      return recallWave(state, command, ctx);
    case 'join':
    case 'leave':
      return presence(state, command, ctx);
    case 'settlePresence':
      return settlePresence(state, command, ctx);
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
    case 'signBeritaAcara':
      return signBeritaAcara(state, command, ctx);
    case 'finishWithoutOfficials':
      return finishWithoutOfficials(state, command, ctx);
    default: {
      const never: never = command;
      return fail('INVALID_PAYLOAD', `unknown command ${JSON.stringify(never)}`);
    }
  }
}

export const isOrganizer = (actor: Actor) => actor.role === 'organizer' || actor.role === 'system';

function transition(
  state: CeremonyState,
  actor: Actor,
  from: CeremonyPhase[],
  to: Exclude<CeremonyPhase, 'draft'>,
  event: DomainEvent,
): Result<Applied> {
  if (!isOrganizer(actor)) return fail('FORBIDDEN', `${actor.role} cannot move the ceremony to ${to}`);
  if (!from.includes(state.ceremony.phase)) {
    return fail('INVALID_PHASE', `cannot move from ${state.ceremony.phase} to ${to}`);
  }
  return ok({
    state: {
      ...state,
      ceremony: { ...state.ceremony, phase: to, timeline: { ...state.ceremony.timeline, [TIMELINE_KEY[to]]: event.at } },
      tally: { ...state.tally, phase: to, updatedAt: event.at },
    },
    events: [event],
    changedAgreements: [],
  });
}

const TIMELINE_KEY: Record<Exclude<CeremonyPhase, 'draft'>, keyof CeremonyTimeline> = {
  lobby: 'lobbyOpenedAt',
  signing: 'signingStartedAt',
  closed: 'closedAt',
};

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
  // Waves are numbered in the order they were called, so "Gelombang 3" means the same to everyone.
  const wave: Wave = {
    id: command.waveId,
    number: state.ceremony.waves.length + 1,
    ...(command.waveName ? { name: command.waveName } : {}),
    calledAt: ctx.now,
    size: ids.length,
  };
  const ceremony = replaceAgreements(state, changed);
  return ok({
    state: { ...state, ceremony: { ...ceremony, waves: [...ceremony.waves, wave] } },
    events: [
      {
        type: 'agreement.called',
        at: ctx.now,
        waveId: wave.id,
        agreementIds: ids,
        waveNumber: wave.number,
        ...(wave.name ? { waveName: wave.name } : {}),
      },
    ],
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

function recallWave(state: CeremonyState, command: Extract<Command, { type: 'recallWave' }>, ctx: CommandContext): Result<Applied> {
  if (!isOrganizer(command.actor)) return fail('FORBIDDEN', 'only organizers recall agreements');
  if (!state.ceremony.waves.some((w) => w.id === command.waveId)) return fail('NOT_FOUND', `wave ${command.waveId}`);
  // Only what is still at the desk goes back; signed agreements and those re-called since stay.
  const atDesk = state.ceremony.agreements.filter((a) => a.waveId === command.waveId && a.status === 'called');
  if (atDesk.length === 0) return fail('NOT_CALLED', `nothing of wave ${command.waveId} is at the desk`);
  const changed = atDesk.map((a): Agreement => ({ ...a, status: 'pending', calledAt: undefined, waveId: undefined }));
  return ok({
    state: { ...state, ceremony: replaceAgreements(state, changed) },
    events: [{ type: 'wave.recalled', at: ctx.now, waveId: command.waveId, agreementIds: changed.map((a) => a.id) }],
    changedAgreements: changed,
  });
}

// Presence is kept exact in memory but audited as a summary: a room going online is audited at
// once; its going offline only when it has stayed offline for a while (the adapter sends
// `settlePresence` after a debounce). A flaky link that reconnects 2,000 times therefore writes
// one `room.joined` and, at the end, one `room.left` carrying the reconnect count — not 4,000
// events in the audit chain and the console's feed.
function presence(
  state: CeremonyState,
  command: Extract<Command, { type: 'join' | 'leave' }>,
  ctx: CommandContext,
): Result<Applied> {
  const { actor, roomId } = command;
  if (actor.role !== 'system' && !(actor.role === 'official' && actor.roomId === roomId)) {
    return fail('FORBIDDEN', 'only a room’s own officials are present in it');
  }
  const current = state.presence.get(roomId);
  if (!current) return fail('NOT_FOUND', `room ${roomId}`);
  const was = current.view;
  const connections = Math.max(0, was.connections + (command.type === 'join' ? 1 : -1));
  const online = connections > 0;
  const view = { roomId, connections, online, since: online === was.online ? was.since : ctx.now };
  let next = { ...current, view };
  const events: DomainEvent[] = [];
  if (command.type === 'join' && !was.online) {
    if (current.auditedOnline) {
      next = { ...next, reconnects: current.reconnects + 1 };
    } else {
      next = { ...next, auditedOnline: true, reconnects: 0 };
      events.push({ type: 'room.joined', at: ctx.now, roomId, connections, reconnects: 0 });
    }
  }
  return ok({
    state: { ...state, presence: withEntry(state.presence, roomId, next) },
    events,
    changedAgreements: [],
    presenceChanged: [roomId],
  });
}

/** The debounce has passed: audit the room as offline if it still is. */
function settlePresence(
  state: CeremonyState,
  command: Extract<Command, { type: 'settlePresence' }>,
  ctx: CommandContext,
): Result<Applied> {
  if (command.actor.role !== 'system') return fail('FORBIDDEN', 'only the platform settles presence');
  const current = state.presence.get(command.roomId);
  if (!current) return fail('NOT_FOUND', `room ${command.roomId}`);
  if (current.view.online || !current.auditedOnline) return unchanged(state);
  const next = { ...current, auditedOnline: false, reconnects: 0 };
  return ok({
    state: { ...state, presence: withEntry(state.presence, command.roomId, next) },
    events: [
      { type: 'room.left', at: ctx.now, roomId: command.roomId, connections: 0, reconnects: current.reconnects },
    ],
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
  if (hasSigned(agreement, party.id)) return unchanged(state, true);
  if (state.ceremony.phase !== 'signing') return fail('INVALID_PHASE', 'signing is not open');
  if (agreement.status !== 'called') {
    return agreement.status === 'pending'
      ? fail('NOT_CALLED', `${agreement.id} is not at the desk`)
      : fail('ALREADY_SIGNED', `${agreement.id} is complete`);
  }
  const { signature } = command;
  if (signature.kind === 'drawn' && !signature.imageSha256) return fail('INVALID_SIGNATURE', 'a drawn signature needs an image');
  const typed = signature.kind === 'typed' ? checkTypedSignature(signature.typedText ?? '', MAX_TYPED_SIGNATURE_CHARS) : undefined;
  if (typed && !typed.ok) return fail('SIGNATURE_NOT_VISIBLE', typed.problem, [typed.problem]);
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
    ...(typed?.ok ? { typedText: typed.text } : { imageSha256: signature.imageSha256 }),
  };
  const signatures = withOwnValue(agreement.signatures, party.id, record);
  const complete = isFullySigned({ parties: agreement.parties, signatures });
  const changed: Agreement = complete
    ? { ...agreement, signatures, status: 'signed', signedAt: ctx.now }
    : { ...agreement, signatures };
  const previous = state.partySignatures.get(party.id) ?? 0;
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
      partySignatures: withEntry(state.partySignatures, party.id, previous + 1),
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
  const epoch = (state.inviteEpochs.get(command.roomId) ?? 0) + 1;
  return ok({
    state: { ...state, inviteEpochs: withEntry(state.inviteEpochs, command.roomId, epoch) },
    events: [{ type: 'invite.reissued', at: ctx.now, roomId: command.roomId, epoch }],
    changedAgreements: [],
  });
}
