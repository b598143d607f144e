// The ceremony's request handlers. Each one: validate the payload (zod) → build a command →
// run it through the service → ack. A refused request is acked with its error and changes nothing.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Ack } from '../../shared/protocol/ack';
import type { CeremonyClientToServerEvents } from '../../shared/protocol/events';
import {
  ZAgreementIdsPayloadSchema,
  ZAgreementPayloadSchema,
  ZEmptyPayloadSchema,
  ZRoomPayloadSchema,
  ZSignPayloadSchema,
} from '../../shared/protocol/schemas';
import type { CeremonyService } from '../ceremony/ceremony-service';
import type { Command } from '../domain/commands';
import { fail, ok, type Result, SaksiError } from '../domain/errors';
import { findAgreement } from '../domain/state';
import { errorAck, fromError } from './ack';
import { decodeSignatureDataUrl, type DecodedSignature } from './signature-image';
import type { SaksiSocket } from './types';
import { buildView } from './views';
import type { CeremonyView, InviteLink } from '../../shared/protocol/views';
import { sha256Hex } from '../security/sha256';

export interface HandlerDeps {
  service: CeremonyService;
  now: () => string;
  activity: (ceremonyId: string) => CeremonyView['activity'];
  inviteLink: (ceremonyId: string, roomId: string) => InviteLink;
  log: (message: string, error?: unknown) => void;
}

type EventName = keyof CeremonyClientToServerEvents;
type AckData<E extends EventName> = Parameters<CeremonyClientToServerEvents[E]>[1] extends (r: Ack<infer T>) => void ? T : never;

export function registerCeremonyHandlers(socket: SaksiSocket, deps: HandlerDeps): void {
  const identity = socket.data.identity;
  const ceremonyId = identity.ceremonyId;

  function on<E extends EventName, S extends z.ZodTypeAny>(
    event: E,
    schema: S,
    handler: (payload: z.infer<S>) => Result<AckData<E>>,
  ): void {
    // socket.io's typed `on` cannot be expressed generically; the wrapper restores the types.
    (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (payload, ack) => {
      if (typeof ack !== 'function') return; // every request is acked; one without is not served
      const reply = ack as (r: Ack<AckData<E>>) => void;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        return reply(errorAck('INVALID_PAYLOAD', parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)));
      }
      try {
        const result = handler(parsed.data);
        reply(result.ok ? { ok: true, data: result.value } : fromError(result.error));
      } catch (error) {
        deps.log(`handler ${event} failed`, error);
        reply(error instanceof SaksiError ? fromError(error) : errorAck('INTERNAL'));
      }
    });
  }

  const run = (command: Command, attachments?: Parameters<CeremonyService['execute']>[2]) =>
    deps.service.execute(ceremonyId, command, attachments);
  const phaseChange = (command: Command) => {
    const r = run(command);
    return r.ok ? ok({ phase: r.value.state.ceremony.phase, at: deps.now() }) : r;
  };

  on('ceremony:sync', ZEmptyPayloadSchema, () => {
    const state = deps.service.get(ceremonyId);
    if (!state) return fail('CEREMONY_NOT_FOUND');
    return ok(buildView(state, identity, deps.activity(ceremonyId), deps.now()));
  });
  on('ceremony:openLobby', ZEmptyPayloadSchema, () => phaseChange({ type: 'openLobby', actor: identity }));
  on('ceremony:startSigning', ZEmptyPayloadSchema, () => phaseChange({ type: 'startSigning', actor: identity }));
  on('ceremony:close', ZEmptyPayloadSchema, () => phaseChange({ type: 'close', actor: identity }));

  on('agreement:call', ZAgreementIdsPayloadSchema, ({ agreementIds }) => {
    const waveId = `W-${randomUUID().slice(0, 8)}`;
    const r = run({ type: 'call', actor: identity, agreementIds, waveId });
    if (!r.ok) return r;
    return ok({ waveId, calledAt: r.value.changedAgreements[0]?.calledAt ?? deps.now(), agreements: r.value.changedAgreements });
  });

  on('agreement:recall', ZAgreementPayloadSchema, ({ agreementId }) => {
    const r = run({ type: 'recall', actor: identity, agreementId });
    return r.ok ? ok(r.value.changedAgreements[0]) : r;
  });

  on('agreement:retryStamp', ZAgreementPayloadSchema, ({ agreementId }) => {
    const r = run({ type: 'retryStamp', actor: identity, agreementId });
    return r.ok ? ok(r.value.changedAgreements[0]) : r;
  });

  on('agreement:sign', ZSignPayloadSchema, ({ agreementId, partyId, signature }) => {
    let png: DecodedSignature | undefined;
    if (signature.kind === 'drawn') {
      const decoded = decodeSignatureDataUrl(signature.dataUrl);
      if (!decoded.ok) return decoded;
      png = decoded.value;
    }
    const evidence = {
      // Salted with the ceremony so the same address cannot be linked across ceremonies.
      ipHash: sha256Hex(`${ceremonyId}:${socket.data.ip}`),
      userAgentHash: sha256Hex(socket.data.userAgent),
      tokenId: socket.data.tokenId ?? '',
    };
    const r = run(
      {
        type: 'sign',
        actor: identity,
        agreementId,
        partyId,
        signature: signature.kind === 'drawn' ? { kind: 'drawn', imageSha256: png!.sha256 } : { kind: 'typed', typedText: signature.text },
        evidence,
      },
      png ? { signatureImages: new Map([[`${agreementId}/${partyId}`, png.png]]) } : undefined,
    );
    if (!r.ok) return r;
    const agreement = findAgreement(r.value.state, agreementId)!;
    return ok({ agreement, duplicate: r.value.duplicate ?? false });
  });

  on('room:reissueInvite', ZRoomPayloadSchema, ({ roomId }) => {
    const r = run({ type: 'reissueInvite', actor: identity, roomId });
    return r.ok ? ok(deps.inviteLink(ceremonyId, roomId)) : r;
  });
}
