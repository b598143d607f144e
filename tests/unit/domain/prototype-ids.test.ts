// Ids named after Object.prototype's properties are data like any other: a party called
// `toString` has not signed until it signs, a room called `constructor` has its own presence.
import { describe, expect, it } from 'vitest';
import { apply } from '../../../server/domain/apply';
import type { Command } from '../../../server/domain/commands';
import { createState, presenceList, type CeremonyState } from '../../../server/domain/state';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { validateRoster } from '../../../server/roster/validate-roster';
import { parseCsvRoster } from '../../../server/roster/parse-csv-roster';
import { formatCsvRoster } from '../../../server/roster/format-csv-roster';
import { hasSigned, signatureOf, withOwnValue } from '../../../shared/domain/own-keys';
import { prototypeRoster, PROTOTYPE_IDS } from '../../support/prototype-roster';

const ceremonyId = 'uji-prototipe';
const organizer = { role: 'organizer', ceremonyId } as const;
const official = (roomId: string) => ({ role: 'official', ceremonyId, roomId }) as const;
const evidence = { ipHmac: 'ip', userAgentHash: 'ua', tokenId: 'jti' };
let clock = 0;
const ctx = () => ({ now: new Date(Date.UTC(2021, 0, 18, 2, 0, clock++)).toISOString() });

function run(state: CeremonyState, command: Command) {
  const r = apply(state, command, ctx());
  if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function signing(): CeremonyState {
  let s = createState(rosterToCeremony(prototypeRoster(), ceremonyId, '2021-01-17T00:00:00.000Z'), { now: '2021-01-17T00:00:00.000Z' });
  s = run(s, { type: 'openLobby', actor: organizer }).state;
  s = run(s, { type: 'startSigning', actor: organizer }).state;
  return run(s, { type: 'call', actor: organizer, agreementIds: [...PROTOTYPE_IDS], waveId: 'W1' }).state;
}

const sign = (agreementId: string, partyId: string, roomId: string): Command => ({
  type: 'sign',
  actor: official(roomId),
  agreementId,
  partyId,
  signature: { kind: 'typed', typedText: 'Tanda Tangan' },
  evidence,
});

describe('prototype-named ids in the domain', () => {
  it('the roster validates, through JSON and through CSV', () => {
    expect(validateRoster(prototypeRoster())).toMatchObject({ ok: true });
    const csv = formatCsvRoster(prototypeRoster());
    const parsed = parseCsvRoster(csv, { title: 'Uji', startsAt: '2021-01-18T09:00:00+07:00' });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.roster.parties.map((p) => p.id)).toEqual(['toString', 'valueOf', 'constructor', 'hasOwnProperty']);
  });

  it('refuses `__proto__` as an id of a room, party or agreement, naming the place', () => {
    for (const [collection, index] of [['rooms', 0], ['parties', 0], ['agreements', 0]] as const) {
      const roster = JSON.parse(JSON.stringify(prototypeRoster())) as Record<string, Array<{ id: string }>>;
      roster[collection][index].id = '__proto__';
      // Through JSON.parse, as a request body would arrive: an own property, not a prototype.
      const result = validateRoster(JSON.parse(JSON.stringify(roster)));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.path).join(' ')).toContain(`${collection}[${index}].id`);
    }
  });

  it('one party signing leaves the agreement open; only its own parties complete it', () => {
    let s = signing();
    // `constructor` (UMKM, room toString) signs agreement `toString`; party `toString` has not.
    const first = run(s, sign('toString', 'constructor', 'toString'));
    expect(first.duplicate).toBeFalsy();
    expect(first.events.map((e) => e.type)).toEqual(['signature.recorded']);
    s = first.state;
    const agreement = s.ceremony.agreements.find((a) => a.id === 'toString')!;
    expect(agreement.status).toBe('called');
    expect(hasSigned(agreement, 'toString')).toBe(false);
    expect(s.tally).toMatchObject({ agreementsSigned: 0, valueSignedIdr: 0 });
    expect(s.tally.byKind.PMA.signed).toBe(0);
    expect(s.tally.byKind.UMKM.signed).toBe(1);

    // Party `toString` can sign (it is not mistaken for a duplicate) and completes it.
    const second = run(s, sign('toString', 'toString', 'constructor'));
    expect(second.duplicate).toBeFalsy();
    expect(second.events.map((e) => e.type)).toEqual(['signature.recorded', 'agreement.signed']);
    expect(second.state.tally).toMatchObject({ agreementsSigned: 1, valueSignedIdr: 12_500_000_000 });
    expect(second.state.partySignatures.get('toString')).toBe(1);
  });

  it('keeps presence and invite epochs per room, with nothing answered by the prototype', () => {
    let s = signing();
    s = run(s, { type: 'join', actor: official('constructor'), roomId: 'constructor' }).state;
    s = run(s, { type: 'reissueInvite', actor: organizer, roomId: 'valueOf' }).state;
    expect(presenceList(s)).toEqual([
      expect.objectContaining({ roomId: 'constructor', online: true, connections: 1 }),
      expect.objectContaining({ roomId: 'toString', online: false, connections: 0 }),
      expect.objectContaining({ roomId: 'valueOf', online: false, connections: 0 }),
    ]);
    expect([...s.inviteEpochs]).toEqual([['constructor', 0], ['toString', 0], ['valueOf', 1]]);
    expect(apply(s, { type: 'join', actor: official('hasOwnProperty'), roomId: 'hasOwnProperty' }, ctx())).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('own-key helpers keep `__proto__` a key, not a prototype', () => {
    const record = { agreementId: 'x', partyId: '__proto__' } as never;
    const signatures = withOwnValue({}, '__proto__', record);
    expect(Object.getPrototypeOf(signatures)).toBe(Object.prototype);
    expect(Object.keys(signatures)).toEqual(['__proto__']);
    expect(signatureOf({ signatures }, '__proto__')).toBe(record);
    expect(signatureOf({ signatures }, 'toString')).toBeUndefined();
    // The same object after a trip through JSON, as clients receive it.
    const parsed = JSON.parse(JSON.stringify({ signatures })) as { signatures: Record<string, never> };
    expect(hasSigned(parsed, '__proto__')).toBe(true);
    expect(hasSigned(parsed, 'constructor')).toBe(false);
  });
});
