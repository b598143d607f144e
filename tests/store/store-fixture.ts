// Ceremonies and real domain events for the store suite: events come from the pure core's
// apply(), as the service produces them, never written by hand (except where a test means to
// send the store something the core would refuse).
import { expect } from 'vitest';
import { rosterToCeremony } from '../../server/ceremony/import-ceremony';
import { apply } from '../../server/domain/apply';
import type { Actor, Command } from '../../server/domain/commands';
import type { DomainEvent } from '../../server/domain/events';
import { createState, type CeremonyState } from '../../server/domain/state';
import type { Attachments, CeremonyStore, Committed, NewCeremonyDocuments } from '../../server/persistence/store-contract';
import type { Ceremony } from '../../shared/domain/types';
import type { TRoster } from '../../shared/protocol/schemas';
import { sha256Hex } from '../../server/security/sha256';

export const T0 = '2021-01-18T02:00:00.000Z';
export const organizer: Actor = { role: 'organizer', ceremonyId: 'any' };
export const system: Actor = { role: 'system' };
export const evidence = { ipHmac: 'hmac-of-address', userAgentHash: 'ua-hash', tokenId: 'token-1' };

/** Every byte value, so that a store mangling binary (text encodings, NUL) is caught. */
export function pdfBytes(label: string): Uint8Array {
  const head = new TextEncoder().encode(`%PDF-1.7 ${label}\n`);
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  return new Uint8Array([...head, ...all, ...head]);
}

export function documentsFor(ceremony: Ceremony): NewCeremonyDocuments {
  return {
    originals: new Map(ceremony.agreements.map((a) => {
      const pdf = pdfBytes(`${ceremony.id}/${a.id}`);
      return [a.id, { pdf, sha256: sha256Hex(pdf) }];
    })),
  };
}

/** A minute after T0, plus `seconds`: commands get distinct, ordered instants. */
export const at = (seconds: number) => new Date(Date.parse(T0) + 60_000 + seconds * 1000).toISOString();

/**
 * One node's view of a ceremony: its state and the version it was loaded at. `run()` applies
 * commands through the pure core and commits their events as one compare-and-set.
 */
export class CeremonyRun {
  private clock = 0;
  constructor(
    readonly store: CeremonyStore,
    public state: CeremonyState,
    public version: number,
  ) {}

  static async create(store: CeremonyStore, roster: TRoster, id = roster.id ?? 'uji'): Promise<CeremonyRun> {
    const ceremony = rosterToCeremony(roster, id, T0);
    const version = await store.createCeremony(ceremony, documentsFor(ceremony));
    return new CeremonyRun(store, createState(ceremony, { now: T0 }), version);
  }

  static async load(store: CeremonyStore, id: string): Promise<CeremonyRun> {
    const loaded = await store.loadCeremony(id);
    if (!loaded) throw new Error(`no ceremony ${id}`);
    return new CeremonyRun(store, createState(loaded.ceremony, { inviteEpochs: loaded.inviteEpochs, now: T0 }), loaded.version);
  }

  get id(): string {
    return this.state.ceremony.id;
  }

  /** Applies the commands in order (each must be accepted) and returns their events, uncommitted. */
  plan(commands: Command[]): { state: CeremonyState; events: DomainEvent[] } {
    let state = this.state;
    const events: DomainEvent[] = [];
    for (const command of commands) {
      const result = apply(state, command, { now: at((this.clock += 1)) });
      if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
      state = result.value.state;
      events.push(...result.value.events);
    }
    return { state, events };
  }

  async run(commands: Command[], attachments?: Attachments): Promise<Committed> {
    const { state, events } = this.plan(commands);
    const committed = await this.store.commit(this.id, this.version, events, attachments);
    expect(committed.version).toBe(this.version + events.length);
    this.state = state;
    this.version = committed.version;
    return committed;
  }

  agreement(id: string) {
    return this.state.ceremony.agreements.find((a) => a.id === id)!;
  }

  /** Opens the lobby and signing. */
  open(): Promise<Committed> {
    return this.run([{ type: 'openLobby', actor: organizer }, { type: 'startSigning', actor: organizer }]);
  }

  call(agreementIds: string[], waveId = `W${this.state.ceremony.waves.length + 1}`): Promise<Committed> {
    return this.run([{ type: 'call', actor: organizer, agreementIds, waveId }]);
  }

  /** Every party of each agreement signs (typed), in one commit. */
  signAll(agreementIds: string[]): Promise<Committed> {
    return this.run(agreementIds.flatMap((id) => this.signCommands(id)));
  }

  signCommands(agreementId: string, partyIds = this.agreement(agreementId).parties): Command[] {
    return partyIds.map((partyId) => {
      const party = this.state.index.party.get(partyId)!;
      return {
        type: 'sign',
        actor: { role: 'official', ceremonyId: this.id, roomId: party.room },
        agreementId,
        partyId,
        signature: { kind: 'typed', typedText: party.representative.name },
        evidence,
      } as Command;
    });
  }

  stamp(agreementId: string): Promise<Committed> {
    const pdf = pdfBytes(`final ${agreementId}`);
    return this.run([{ type: 'markStamped', actor: system, agreementId, documentSha256: sha256Hex(pdf) }], {
      documents: new Map([[agreementId, pdf]]),
    });
  }
}
