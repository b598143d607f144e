// The Berita Acara's data from the ceremony: the roster's officials form the signature block, and
// every recorded signature's time is carried for the "actually signed on" sentence.
import { describe, expect, it } from 'vitest';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { beritaAcaraInput, DEFAULT_OFFICIALS } from '../../../server/ceremony/record-inputs';
import type { StoredSignature } from '../../../server/persistence/store-contract';
import { tinyRoster } from '../../support/tiny-roster';

const at = '2021-01-18T02:00:00.000Z';
const signature = (agreementId: string, partyId: string, signedAt: string): StoredSignature => ({
  record: { agreementId, partyId, kind: 'typed', typedText: 'x', signerName: 'S', signerTitle: 'T', roomId: 'pandeglang', timezone: 'WIB', signedAt },
  evidence: { ipHmac: 'i', userAgentHash: 'u', tokenId: 't' },
});

describe('beritaAcaraInput', () => {
  const sources = (roster = tinyRoster()) => ({
    ceremony: rosterToCeremony(roster, 'uji', at),
    auditRows: [],
    auditHead: { n: 0, hash: 'h' },
    signatures: new Map([['K-001', [signature('K-001', 'pma-01', '2021-01-19T02:00:00.000Z'), signature('K-001', 'umkm-001', '2021-01-19T02:01:00.000Z')]]]),
    verifyUrl: 'https://saksi.example.id/v/ba/uji',
  });

  it('uses the roster\'s officials as the whole signature block, without a witness', () => {
    const roster = tinyRoster();
    roster.officials = [{ name: 'Pratikno', title: 'Menteri Sekretaris Negara' }, { name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM' }];
    const input = beritaAcaraInput(sources(roster));
    expect(input.organizers).toEqual([
      { name: 'Pratikno', title: 'Menteri Sekretaris Negara', institution: '' },
      { name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM' },
    ]);
    expect(input).not.toHaveProperty('witness');
  });

  it('falls back to the default offices and carries every signature time', () => {
    const input = beritaAcaraInput(sources());
    expect(input.organizers).toEqual(DEFAULT_OFFICIALS.organizers);
    expect(input.witness).toEqual(DEFAULT_OFFICIALS.witness);
    expect(input.signatureTimes).toEqual(['2021-01-19T02:00:00.000Z', '2021-01-19T02:01:00.000Z']);
  });
});
