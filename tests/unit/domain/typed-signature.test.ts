// The typed-signature rule in the zod schema (the edge) and in the domain (for any other caller).
import { describe, expect, it } from 'vitest';
import { apply } from '../../../server/domain/apply';
import type { Command } from '../../../server/domain/commands';
import { createState } from '../../../server/domain/state';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { ZSignatureInputSchema } from '../../../shared/protocol/schemas';
import { tinyRoster } from '../../support/tiny-roster';

const REFUSED = ['', '   ', '\u200B', '\u200B\u200C\u200D', '\u2060\u2064', '\uFEFF', '\u0301', '\u00A0\u2003', '\u202EBudi', 'Bu\ndi'];
const ACCEPTED: Array<[string, string]> = [
  ['Budi Santoso', 'Budi Santoso'],
  ['Z\u0323ainal', 'Ẓainal'],
  ['\uFEFF金\u200B', '金'],
  ['محمد', 'محمد'],
  ['देवनागरी', 'देवनागरी'],
  ['007', '007'],
];

describe('typed signature rule', () => {
  it('the schema refuses invisible names and normalizes real ones', () => {
    for (const text of REFUSED) expect(ZSignatureInputSchema.safeParse({ kind: 'typed', text }).success, JSON.stringify(text)).toBe(false);
    for (const [text, kept] of ACCEPTED) expect(ZSignatureInputSchema.parse({ kind: 'typed', text })).toEqual({ kind: 'typed', text: kept });
  });

  it('the domain refuses them too, and keeps the NFC form', () => {
    let state = createState(rosterToCeremony(tinyRoster(), 'uji-kecil', '2021-01-17T00:00:00.000Z'), { now: '2021-01-17T00:00:00.000Z' });
    const organizer = { role: 'organizer', ceremonyId: 'uji-kecil' } as const;
    const steps: Command[] = [
      { type: 'openLobby', actor: organizer },
      { type: 'startSigning', actor: organizer },
      { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'W-1' },
    ];
    for (const command of steps) {
      const r = apply(state, command, { now: '2021-01-18T02:00:00.000Z' });
      if (!r.ok) throw r.error;
      state = r.value.state;
    }
    const sign = (typedText: string) =>
      apply(
        state,
        {
          type: 'sign',
          actor: { role: 'official', ceremonyId: 'uji-kecil', roomId: 'pandeglang' },
          agreementId: 'K-001',
          partyId: 'pma-01',
          signature: { kind: 'typed', typedText },
          evidence: { ipHmac: 'i', userAgentHash: 'u', tokenId: 't' },
        },
        { now: '2021-01-18T02:01:00.000Z' },
      );
    for (const text of REFUSED) expect(sign(text)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_NOT_VISIBLE' } });
    const r = sign('Z\u0323ainal');
    expect(r.ok && r.value.state.ceremony.agreements[0].signatures['pma-01'].typedText).toBe('Ẓainal');
  });
});
