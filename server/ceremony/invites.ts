// Issues the links people click: invite tokens for rooms, plus the console and tally links.
import type { CeremonyLinks, InviteLink } from '../../shared/protocol/views';
import { issueInviteToken } from '../security/invite-tokens';
import type { CeremonyService } from './ceremony-service';
import { links } from './links';

export interface InviteDeps {
  service: CeremonyService;
  inviteSecret: Buffer;
  organizerToken: string;
  ttlSeconds: number;
  baseUrl: () => string;
  nowMs: () => number;
}

export class Invites {
  constructor(private readonly deps: InviteDeps) {}

  /** A room's invite link; the ceremony must be loaded (see CeremonyService.ensure). */
  roomLink(ceremonyId: string, roomId: string): InviteLink {
    const state = this.deps.service.get(ceremonyId);
    const room = state?.index.room.get(roomId);
    if (!state || !room) throw new Error(`no room ${ceremonyId}/${roomId}`);
    const { token } = issueInviteToken(this.deps.inviteSecret, {
      ceremonyId,
      roomId,
      epoch: state.inviteEpochs.get(roomId) ?? 0,
      ttlSeconds: this.deps.ttlSeconds,
      nowMs: this.deps.nowMs(),
    });
    return { roomId, name: room.name, url: links.room(this.deps.baseUrl(), ceremonyId, token) };
  }

  async ceremonyLinks(ceremonyId: string): Promise<CeremonyLinks | undefined> {
    const state = await this.deps.service.ensure(ceremonyId);
    if (!state) return undefined;
    const base = this.deps.baseUrl();
    return {
      console: links.console(base, ceremonyId, this.deps.organizerToken),
      tally: links.tally(base, ceremonyId),
      rooms: state.ceremony.rooms.map((r) => this.roomLink(ceremonyId, r.id)),
    };
  }
}
