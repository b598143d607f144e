// Handshake authentication: the credential decides the identity once, at connect time. A refused
// connection gets a connect_error whose message is an error code and whose data has the texts.
import type { Identity } from '../../shared/protocol/views';
import { z } from 'zod';
import type { CeremonyService } from '../ceremony/ceremony-service';
import type { StoredState } from '../ceremony/stored-state';
import type { CeremonyState } from '../domain/state';
import type { CredentialGuard } from '../limits/credential-guard';
import { isOrganizerCredential, verifyInviteToken } from '../security/invite-tokens';
import { HandshakeError } from './ack';
import type { SaksiSocket } from './types';

const ZHandshakeAuthSchema = z.object({
  ceremonyId: z.string().min(1).max(64),
  token: z.string().min(1).max(2048).optional(),
});

export interface AuthDeps {
  service: CeremonyService;
  /** The state as new as the stored version, for comparing an invite's epoch (see stored-state.ts). */
  stored: StoredState;
  organizerToken: string;
  inviteSecret: Buffer;
  nowMs: () => number;
  /** Refused credentials slow down their address (shared with HTTP's organizer routes). */
  credentials: CredentialGuard;
}

export function createAuthMiddleware(deps: AuthDeps) {
  return (socket: SaksiSocket, next: (err?: Error) => void) => {
    const parsed = ZHandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new HandshakeError('INVALID_PAYLOAD'));
    const { ceremonyId } = parsed.data;
    // The ceremony is loaded (or reloaded, if another node changed it) before its epochs are read.
    deps.service.ensure(ceremonyId).then(
      (state) => authenticate(socket, next, parsed.data, state),
      () => next(new HandshakeError('INTERNAL')),
    );
  };

  async function authenticate(
    socket: SaksiSocket,
    next: (err?: Error) => void,
    { ceremonyId, token }: z.infer<typeof ZHandshakeAuthSchema>,
    state: CeremonyState | undefined,
  ): Promise<void> {
    if (!state) return next(new HandshakeError('CEREMONY_NOT_FOUND'));
    socket.data.ip = socket.handshake.address;
    socket.data.userAgent = String(socket.handshake.headers['user-agent'] ?? '');
    let identity: Identity;
    if (token) {
      const allowed = deps.credentials.check(socket.handshake.address);
      if (!allowed.ok) return next(new HandshakeError('RATE_LIMITED', allowed.retryAfterMs));
    }
    if (!token) {
      identity = { role: 'observer', ceremonyId };
    } else if (isOrganizerCredential(deps.organizerToken, token)) {
      identity = { role: 'organizer', ceremonyId };
    } else {
      const claims = verifyInviteToken(deps.inviteSecret, token, deps.nowMs());
      if (!claims.ok) {
        // A forged or garbled credential is a guess; an expired or revoked link is not.
        if (claims.error.code === 'INVITE_MALFORMED') deps.credentials.recordFailure(socket.handshake.address);
        return next(new HandshakeError(claims.error.code));
      }
      const { c, r, e, jti } = claims.value;
      // A token for one ceremony or room is worth nothing in another.
      if (c !== ceremonyId || !state.index.room.has(r)) return next(new HandshakeError('FORBIDDEN'));
      // A re-issue acknowledged by another node may not have reached this one's cache yet: the
      // epoch is compared on a state at least as new as the stored version.
      let current: CeremonyState | undefined;
      try {
        current = await deps.stored.state(ceremonyId);
      } catch {
        return next(new HandshakeError('INTERNAL'));
      }
      if (e !== current?.inviteEpochs.get(r)) return next(new HandshakeError('TOKEN_REVOKED'));
      identity = { role: 'official', ceremonyId, roomId: r };
      socket.data.tokenId = jti;
      socket.data.inviteEpoch = e;
    }
    socket.data.identity = identity;
    next();
  }
}
