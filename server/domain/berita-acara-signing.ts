// The officials' signatures on the Berita Acara. After the organizer closes the signing, each
// official named in the roster signs from the room the roster seats them in (the stage room by
// default), with the same typed or drawn signature as a party representative; the minutes are
// built and sealed once nobody is awaited. The organizer may instead finish them without the
// missing officials, with a reason that is audited and printed.
import type { BeritaAcaraSigning, OfficialSignatureRecord } from '../../shared/domain/types';
import { beritaAcaraStage, officialSignatureOf, unsignedOfficials } from '../../shared/domain/berita-acara-signing';
import { MAX_TYPED_SIGNATURE_CHARS } from '../../shared/protocol/limits';
import { checkTypedSignature } from '../../shared/protocol/typed-signature';
import type { Command, CommandContext } from './commands';
import { fail, ok, type Result } from './errors';
import type { Applied } from './apply';
import type { CeremonyState } from './state';

const EMPTY: BeritaAcaraSigning = { signatures: [] };

export function signBeritaAcara(
  state: CeremonyState,
  command: Extract<Command, { type: 'signBeritaAcara' }>,
  ctx: CommandContext,
): Result<Applied> {
  const { actor } = command;
  if (actor.role !== 'official') return fail('FORBIDDEN', `${actor.role} cannot sign the Berita Acara`);
  const official = state.index.official.get(command.officialId);
  if (!official) return fail('OFFICIAL_NOT_FOUND', command.officialId);
  if (official.room !== actor.roomId) return fail('OFFICIAL_WRONG_ROOM', `${official.id} signs from ${official.room}, not ${actor.roomId}`);
  // Idempotency, as for agreements: a repeated request yields the one signature.
  if (officialSignatureOf(state.ceremony, official.id)) return ok({ state, events: [], changedAgreements: [], duplicate: true });
  const stage = beritaAcaraStage(state.ceremony);
  if (stage === 'not-closed') return fail('INVALID_PHASE', 'the Berita Acara is signed after the close');
  if (stage !== 'waiting') return fail('BERITA_ACARA_COMPLETE', `the Berita Acara is ${stage}`);
  const { signature } = command;
  if (signature.kind === 'drawn' && !signature.imageSha256) return fail('INVALID_SIGNATURE', 'a drawn signature needs an image');
  const typed = signature.kind === 'typed' ? checkTypedSignature(signature.typedText ?? '', MAX_TYPED_SIGNATURE_CHARS) : undefined;
  if (typed && !typed.ok) return fail('SIGNATURE_NOT_VISIBLE', typed.problem, [typed.problem]);
  const room = state.index.room.get(official.room);
  if (!room) return fail('NOT_FOUND', `room ${official.room}`);
  const record: OfficialSignatureRecord = {
    officialId: official.id,
    kind: signature.kind,
    roomId: room.id,
    timezone: room.timezone,
    signedAt: ctx.now,
    ...(typed?.ok ? { typedText: typed.text } : { imageSha256: signature.imageSha256 }),
  };
  const previous = state.ceremony.beritaAcara ?? EMPTY;
  const beritaAcara: BeritaAcaraSigning = { ...previous, signatures: [...previous.signatures, record] };
  return ok({
    state: { ...state, ceremony: { ...state.ceremony, beritaAcara } },
    events: [{ type: 'beritaAcara.officialSigned', at: ctx.now, signature: record, evidence: command.evidence }],
    changedAgreements: [],
  });
}

export function finishWithoutOfficials(
  state: CeremonyState,
  command: Extract<Command, { type: 'finishWithoutOfficials' }>,
  ctx: CommandContext,
): Result<Applied> {
  if (command.actor.role !== 'organizer') return fail('FORBIDDEN', 'only organizers finish the Berita Acara');
  const stage = beritaAcaraStage(state.ceremony);
  if (stage === 'not-closed') return fail('INVALID_PHASE', 'the Berita Acara is finished after the close');
  if (stage !== 'waiting') return fail('BERITA_ACARA_COMPLETE', `the Berita Acara is ${stage}`);
  const reason = command.reason.trim();
  if (reason.length === 0) return fail('INVALID_PAYLOAD', 'a reason is required', ['reason']);
  const unsigned = unsignedOfficials(state.ceremony).map((o) => o.id);
  const finishedWithoutOfficials = { at: ctx.now, reason, unsigned };
  const beritaAcara: BeritaAcaraSigning = { ...(state.ceremony.beritaAcara ?? EMPTY), finishedWithoutOfficials };
  return ok({
    state: { ...state, ceremony: { ...state.ceremony, beritaAcara } },
    events: [{ type: 'beritaAcara.finishedWithoutOfficials', at: ctx.now, reason, unsigned }],
    changedAgreements: [],
  });
}
