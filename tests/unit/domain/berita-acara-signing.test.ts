// The officials' signatures on the Berita Acara in the pure core: who may sign, when, idempotency,
// the organizer's finish without them, and the stage that holds or releases the record.
import { describe, expect, it } from 'vitest';
import { beritaAcaraStage, isBeritaAcaraReady } from '../../../shared/domain/berita-acara-signing';
import { apply } from '../../../server/domain/apply';
import type { Command } from '../../../server/domain/commands';
import { createState, type CeremonyState } from '../../../server/domain/state';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { tinyRoster } from '../../support/tiny-roster';

const organizer = { role: 'organizer', ceremonyId: 'uji-kecil' } as const;
const istana = { role: 'official', ceremonyId: 'uji-kecil', roomId: 'istana' } as const;
const pandeglang = { role: 'official', ceremonyId: 'uji-kecil', roomId: 'pandeglang' } as const;
const evidence = { ipHmac: 'ip', userAgentHash: 'ua', tokenId: 'jti' };
const ctx = { now: '2021-01-18T05:00:00.000Z' };

function closed(officials = true): CeremonyState {
  const roster = tinyRoster();
  const withOfficials = officials
    ? { ...roster, officials: [{ name: 'Pratikno', title: 'Menteri Sekretaris Negara' }, { id: 'toString', name: 'Bahlil Lahadalia', title: 'Kepala BKPM', room: 'pandeglang' }] }
    : roster;
  let s = createState(rosterToCeremony(withOfficials, 'uji-kecil', '2021-01-17T00:00:00.000Z'), { now: ctx.now });
  for (const type of ['openLobby', 'startSigning', 'close'] as const) {
    const r = apply(s, { type, actor: organizer }, ctx);
    if (!r.ok) throw r.error;
    s = r.value.state;
  }
  return s;
}

const sign = (officialId: string, actor: Command['actor'] = istana): Command => ({
  type: 'signBeritaAcara',
  actor,
  officialId,
  signature: { kind: 'typed', typedText: 'Pratikno' },
  evidence,
});

const codeOf = (state: CeremonyState, command: Command) => {
  const r = apply(state, command, ctx);
  return r.ok ? 'ok' : r.error.code;
};

describe('officials sign the Berita Acara', () => {
  it('numbers officials without an id and seats them on the stage unless the roster says otherwise', () => {
    expect(closed().ceremony.officials?.map((o) => [o.id, o.room])).toEqual([
      ['pejabat-1', 'istana'],
      ['toString', 'pandeglang'],
    ]);
  });

  it('waits after the close until every official signed, once each', () => {
    let s = closed();
    expect(beritaAcaraStage(s.ceremony)).toBe('waiting');
    expect(isBeritaAcaraReady(s.ceremony)).toBe(false);
    const first = apply(s, sign('pejabat-1'), ctx);
    if (!first.ok) throw first.error;
    expect(first.value.events).toMatchObject([{ type: 'beritaAcara.officialSigned', signature: { officialId: 'pejabat-1', roomId: 'istana', timezone: 'WIB', typedText: 'Pratikno' } }]);
    s = first.value.state;
    const again = apply(s, sign('pejabat-1'), ctx);
    expect(again.ok && again.value.duplicate && again.value.events.length === 0 && again.value.state === s).toBe(true);
    // An official whose id is a property of Object.prototype is still just an id.
    const last = apply(s, sign('toString', pandeglang), ctx);
    if (!last.ok) throw last.error;
    expect(beritaAcaraStage(last.value.state.ceremony)).toBe('signed');
    expect(isBeritaAcaraReady(last.value.state.ceremony)).toBe(true);
    expect(codeOf(last.value.state, { type: 'finishWithoutOfficials', actor: organizer, reason: 'lengkap' })).toBe('BERITA_ACARA_COMPLETE');
  });

  it('refuses the wrong room, other roles, unknown ids, invisible names and signing before the close', () => {
    const s = closed();
    expect(codeOf(s, sign('pejabat-1', pandeglang))).toBe('OFFICIAL_WRONG_ROOM');
    expect(codeOf(s, sign('pejabat-1', organizer))).toBe('FORBIDDEN');
    expect(codeOf(s, sign('pejabat-1', { role: 'observer', ceremonyId: 'uji-kecil' }))).toBe('FORBIDDEN');
    for (const id of ['constructor', 'hasOwnProperty', '__proto__', 'pejabat-3']) expect(codeOf(s, sign(id))).toBe('OFFICIAL_NOT_FOUND');
    expect(codeOf(s, { ...sign('pejabat-1'), signature: { kind: 'typed', typedText: '\u200b' } } as Command)).toBe('SIGNATURE_NOT_VISIBLE');
    expect(codeOf(s, { ...sign('pejabat-1'), signature: { kind: 'drawn' } } as Command)).toBe('INVALID_SIGNATURE');
    const open = createState(rosterToCeremony({ ...tinyRoster(), officials: [{ name: 'P', title: 'M' }] }, 'uji-kecil', ctx.now), { now: ctx.now });
    expect(codeOf(open, sign('pejabat-1'))).toBe('INVALID_PHASE');
    expect(codeOf(open, { type: 'finishWithoutOfficials', actor: organizer, reason: 'terlalu dini' })).toBe('INVALID_PHASE');
  });

  it('lets only the organizer finish without the missing officials, naming them', () => {
    const s = closed();
    expect(codeOf(s, { type: 'finishWithoutOfficials', actor: istana, reason: 'berhalangan' })).toBe('FORBIDDEN');
    const r = apply(s, { type: 'finishWithoutOfficials', actor: organizer, reason: '  Kepala BKPM berhalangan  ' }, ctx);
    if (!r.ok) throw r.error;
    expect(r.value.events).toEqual([{ type: 'beritaAcara.finishedWithoutOfficials', at: ctx.now, reason: 'Kepala BKPM berhalangan', unsigned: ['pejabat-1', 'toString'] }]);
    expect(beritaAcaraStage(r.value.state.ceremony)).toBe('finished-without');
    expect(codeOf(r.value.state, sign('pejabat-1'))).toBe('BERITA_ACARA_COMPLETE');
  });

  it('holds nothing when the roster names no officials', () => {
    const s = closed(false);
    expect(beritaAcaraStage(s.ceremony)).toBe('no-officials');
    expect(isBeritaAcaraReady(s.ceremony)).toBe(true);
    expect(codeOf(s, { type: 'finishWithoutOfficials', actor: organizer, reason: 'tidak ada' })).toBe('BERITA_ACARA_COMPLETE');
  });
});
