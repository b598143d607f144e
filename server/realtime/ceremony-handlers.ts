// The ceremony's request handlers. Each one: validate the payload (zod) → build a command →
// run it through the service → ack. A refused request is acked with its error and changes nothing.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import type { Ack } from '../../shared/protocol/ack';
import type { CeremonyClientToServerEvents } from '../../shared/protocol/events';
import {
  ZAgreementPayloadSchema,
  ZCallPayloadSchema,
  ZEmptyPayloadSchema,
  ZFinishWithoutOfficialsPayloadSchema,
  ZOfficialSignPayloadSchema,
  ZRoomPayloadSchema,
  ZSignPayloadSchema,
  ZWavePayloadSchema,
} from '../../shared/protocol/schemas';
import type { CeremonyService } from '../ceremony/ceremony-service';
import type { Command } from '../domain/commands';
import { fail, ok, type Result, SaksiError } from '../domain/errors';
import { findAgreement } from '../domain/state';
import { errorAck, fromError } from './ack';
import type { DecodedSignature } from './signature-image';
import type { SaksiSocket } from './types';
import type { CeremonyView, Identity, InviteLink } from '../../shared/protocol/views';
import { signerEvidence } from '../security/signer-evidence';

export interface HandlerDeps {
  service: CeremonyService;
  now: () => string;
  /** The caller's full view, from the per-ceremony cache. */
  view: (you: Identity) => CeremonyView | undefined | Promise<CeremonyView | undefined>;
  inviteLink: (ceremonyId: string, roomId: string) => InviteLink;
  log: (message: string, error?: unknown) => void;
  /** Keys the HMACs in signature evidence (DATA_DIR/evidence-key). */
  evidenceKey: Buffer;
  /** Decodes and re-encodes a drawn signature's data URL (in a worker thread: server/workers/signature-pool.ts). */
  decodeSignature: (dataUrl: string) => Promise<Result<DecodedSignature>>;
}

type EventName = keyof CeremonyClientToServerEvents;
type AckData<E extends EventName> = Parameters<CeremonyClientToServerEvents[E]>[1] extends (r: Ack<infer T>) => void ? T : never;

export function registerCeremonyHandlers(socket: SaksiSocket, deps: HandlerDeps): void {
  const identity = socket.data.identity;
  const ceremonyId = identity.ceremonyId;

  // Requests reach the service in the order this socket sent them, although a drawn signature is
  // first decoded in a worker thread: a request waits for the earlier ones' preparation (never for
  // their commit). With nothing being prepared, a request is served at once, as before.
  let preparing = 0;
  let turn: Promise<unknown> = Promise.resolve();

  function on<E extends EventName, S extends z.ZodTypeAny, P = undefined>(
    event: E,
    schema: S,
    handler: (payload: z.infer<S>, prepared: P) => Result<AckData<E>> | Promise<Result<AckData<E>>>,
    /** Work started as the request arrives, off the main thread, that the handler then gets. */
    prepare?: (payload: z.infer<S>) => Promise<P> | undefined,
  ): void {
    // socket.io's typed `on` cannot be expressed generically; the wrapper restores the types.
    (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (payload, ack) => {
      if (typeof ack !== 'function') return; // every request is acked; one without is not served
      const reply = ack as (r: Ack<AckData<E>>) => void;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        // A schema may name a more precise code for its refusal (e.g. an invisible typed name).
        const named = parsed.error.issues.map((i) => (i as { params?: { errorCode?: ErrorCode } }).params?.errorCode).find(Boolean);
        return reply(errorAck(named ?? 'INVALID_PAYLOAD', parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)));
      }
      // Acked once the command's commit resolved: nothing is acknowledged that is not stored.
      const failed = (error: unknown) => {
        deps.log(`handler ${event} failed`, error);
        reply(error instanceof SaksiError ? fromError(error) : errorAck('INTERNAL'));
      };
      const serve = (prepared: P) => {
        try {
          void Promise.resolve(handler(parsed.data, prepared)).then(
            (result) => reply(result.ok ? { ok: true, data: result.value } : fromError(result.error)),
            failed,
          );
        } catch (error) {
          failed(error);
        }
      };
      let preparation: Promise<P> | undefined;
      try {
        preparation = prepare?.(parsed.data);
      } catch (error) {
        return failed(error);
      }
      if (!preparation && preparing === 0) return serve(undefined as P);
      preparing += 1;
      const mine = Promise.all([turn, preparation]).then(([, prepared]) => prepared as P);
      void mine.then(
        (prepared) => {
          preparing -= 1;
          serve(prepared);
        },
        (error) => {
          preparing -= 1;
          failed(error);
        },
      );
      turn = mine.then(
        () => {},
        () => {},
      );
    });
  }

  const run = (command: Command, attachments?: Parameters<CeremonyService['execute']>[2]) =>
    deps.service.execute(ceremonyId, command, attachments);
  const phaseChange = async (command: Command) => {
    const r = await run(command);
    return r.ok ? ok({ phase: r.value.state.ceremony.phase, at: deps.now(), version: r.value.version }) : r;
  };

  on('ceremony:sync', ZEmptyPayloadSchema, async () => {
    const view = await deps.view(identity);
    return view ? ok(view) : fail('CEREMONY_NOT_FOUND');
  });
  on('ceremony:openLobby', ZEmptyPayloadSchema, () => phaseChange({ type: 'openLobby', actor: identity }));
  on('ceremony:startSigning', ZEmptyPayloadSchema, () => phaseChange({ type: 'startSigning', actor: identity }));
  on('ceremony:close', ZEmptyPayloadSchema, () => phaseChange({ type: 'close', actor: identity }));

  on('agreement:call', ZCallPayloadSchema, async ({ agreementIds, waveName }) => {
    const waveId = `W-${randomUUID().slice(0, 8)}`;
    const r = await run({ type: 'call', actor: identity, agreementIds, waveId, ...(waveName ? { waveName } : {}) });
    if (!r.ok) return r;
    const wave = r.value.state.ceremony.waves.at(-1)!;
    return ok({ waveId, calledAt: wave.calledAt, wave, agreements: r.value.changedAgreements });
  });

  on('wave:recall', ZWavePayloadSchema, async ({ waveId }) => {
    const r = await run({ type: 'recallWave', actor: identity, waveId });
    return r.ok ? ok({ waveId, agreements: r.value.changedAgreements }) : r;
  });

  on('agreement:recall', ZAgreementPayloadSchema, async ({ agreementId }) => {
    const r = await run({ type: 'recall', actor: identity, agreementId });
    return r.ok ? ok(r.value.changedAgreements[0]) : r;
  });

  on('agreement:retryStamp', ZAgreementPayloadSchema, async ({ agreementId }) => {
    const r = await run({ type: 'retryStamp', actor: identity, agreementId });
    return r.ok ? ok(r.value.changedAgreements[0]) : r;
  });

  const decodeDrawn = ({ signature }: { signature: { kind: string; dataUrl?: string } }) =>
    signature.kind === 'drawn' && signature.dataUrl !== undefined ? deps.decodeSignature(signature.dataUrl) : undefined;

  on('agreement:sign', ZSignPayloadSchema, async ({ agreementId, partyId, signature }, decoded: Result<DecodedSignature> | undefined) => {
    if (decoded && !decoded.ok) return decoded;
    const png = decoded?.value;
    const { data } = socket;
    const { evidence, ipAddress } = signerEvidence(deps.evidenceKey, { ceremonyId, ip: data.ip, userAgent: data.userAgent, tokenId: data.tokenId ?? '' });
    const r = await run(
      {
        type: 'sign',
        actor: identity,
        agreementId,
        partyId,
        signature: signature.kind === 'drawn' ? { kind: 'drawn', imageSha256: png!.sha256 } : { kind: 'typed', typedText: signature.text },
        evidence,
      },
      {
        signerAddresses: new Map([[`${agreementId}/${partyId}`, ipAddress]]),
        ...(png ? { signatureImages: new Map([[`${agreementId}/${partyId}`, png.png]]) } : {}),
      },
    );
    if (!r.ok) return r;
    const agreement = findAgreement(r.value.state, agreementId)!;
    return ok({ agreement, duplicate: r.value.duplicate ?? false });
  }, decodeDrawn);

  on('beritaAcara:sign', ZOfficialSignPayloadSchema, async ({ officialId, signature }, decoded: Result<DecodedSignature> | undefined) => {
    if (decoded && !decoded.ok) return decoded;
    const png = decoded?.value;
    const { data } = socket;
    // The official's plain address is not kept (unlike a party's): the keyed HMAC in the audit event is the evidence.
    const { evidence } = signerEvidence(deps.evidenceKey, { ceremonyId, ip: data.ip, userAgent: data.userAgent, tokenId: data.tokenId ?? '' });
    const r = await run(
      {
        type: 'signBeritaAcara',
        actor: identity,
        officialId,
        signature: png ? { kind: 'drawn', imageSha256: png.sha256 } : { kind: 'typed', typedText: signature.kind === 'typed' ? signature.text : '' },
        evidence,
      },
      png ? { officialSignatureImages: new Map([[officialId, png.png]]) } : undefined,
    );
    return r.ok ? ok(r.value.state.ceremony.beritaAcara ?? { signatures: [] }) : r;
  }, decodeDrawn);

  on('beritaAcara:finishWithoutOfficials', ZFinishWithoutOfficialsPayloadSchema, async ({ reason }) => {
    const r = await run({ type: 'finishWithoutOfficials', actor: identity, reason });
    return r.ok ? ok(r.value.state.ceremony.beritaAcara ?? { signatures: [] }) : r;
  });

  on('room:reissueInvite', ZRoomPayloadSchema, async ({ roomId }) => {
    const r = await run({ type: 'reissueInvite', actor: identity, roomId });
    return r.ok ? ok(deps.inviteLink(ceremonyId, roomId)) : r;
  });
}
