// The answer to "is this PDF what the platform sealed?": identify the file (by its SHA-256, else by
// the ids Saksi writes into its metadata), check the seal from the file alone, and compare the
// bytes with the sealed copy the platform holds. Also builds the same description for a document
// looked up by id (the QR target), without any upload.
import { formatLocalAndUtc } from '../../shared/format/time';
import type { Agreement, TimeZoneName } from '../../shared/domain/types';
import type { AppContext } from '../app';
import { describeSealTrust, type SealIdentity } from '../documents/certificates';
import type { SealVerification } from '../documents/verify';
import { links } from '../ceremony/links';
import { join, SEAL_PROBLEMS, type Bilingual, type Verdict } from './verify-reasons';
import { publicEvidence, type PublicEvidence } from '../security/signer-evidence';

export const BERITA_ACARA_FILE = 'berita-acara.pdf';

export interface SignerView {
  partyId: string;
  partyName: string;
  partyKind: string;
  name: string;
  title: string;
  roomId: string;
  roomName: string;
  province: string;
  timezone: TimeZoneName;
  /** UTC instant. */
  signedAt: string;
  /** "18 Januari 2021 10.15.00 WIB (03.15.00 UTC)" */
  signedAtText: string;
  kind: string;
  /** The address only as "recorded": it is the organizer's to see, not the public's. */
  evidence: PublicEvidence;
}

export interface AgreementView {
  id: string;
  title: string;
  valueIdr: number;
  status: Agreement['status'];
  parties: Array<{ id: string; kind: string; name: string; sector: string; province: string; representative: string; title: string }>;
  signers: SignerView[];
  /** The sealed copy the platform holds (absent until stamped). */
  sealedSha256?: string;
  originalSha256?: string;
  documentUrl: string;
  verifyUrl: string;
}

export interface CeremonyRef {
  id: string;
  title: string;
  startsAt: string;
  phase: string;
  verifyUrl: string;
}

export interface SealView {
  present: boolean;
  valid: boolean;
  coversWholeDocument: boolean;
  signedByPlatform: boolean;
  signer?: string;
  issuer?: string;
  fingerprintSha256?: string;
  signedAt?: string;
  problem?: string;
  trust: Bilingual;
}

export interface VerifyReport {
  verdict: Verdict;
  reason: Bilingual;
  sha256: string;
  size: number;
  documentKind?: 'agreement' | 'berita-acara';
  ceremony?: CeremonyRef;
  agreement?: AgreementView;
  signers: SignerView[];
  bytesMatchSealedOriginal: boolean;
  sealValid: boolean;
  seal: SealView;
}


export async function ceremonyRef(ctx: AppContext, ceremonyId: string): Promise<CeremonyRef | undefined> {
  const c = (await ctx.service.ensure(ceremonyId))?.ceremony;
  if (!c) return undefined;
  return { id: c.id, title: c.title, startsAt: c.startsAt, phase: c.phase, verifyUrl: links.verifyRecord(ctx.baseUrl(), c.id) };
}

export async function describeAgreement(ctx: AppContext, ceremonyId: string, agreementId: string): Promise<AgreementView | undefined> {
  const state = await ctx.service.ensure(ceremonyId);
  const i = state?.index.agreementPosition.get(agreementId);
  if (!state || i === undefined) return undefined;
  const a = state.ceremony.agreements[i];
  const doc = await ctx.store.getDocument(ceremonyId, agreementId);
  const signers = (await ctx.store.getSignatures(ceremonyId, agreementId)).map(({ record: r, evidence }): SignerView => {
    const party = state.index.party.get(r.partyId);
    const room = state.index.room.get(r.roomId);
    return {
      partyId: r.partyId,
      partyName: party?.name ?? r.partyId,
      partyKind: party?.kind ?? '',
      name: r.signerName,
      title: r.signerTitle,
      roomId: r.roomId,
      roomName: room?.name ?? r.roomId,
      province: room?.province ?? '',
      timezone: r.timezone,
      signedAt: r.signedAt,
      signedAtText: formatLocalAndUtc(r.signedAt, r.timezone),
      kind: r.kind,
      evidence: publicEvidence(evidence),
    };
  });
  // In the agreement's party order, like the stamps on the page.
  signers.sort((x, y) => a.parties.indexOf(x.partyId) - a.parties.indexOf(y.partyId));
  const base = ctx.baseUrl();
  const sealedSha256 = doc?.final ? ((await ctx.integrity.recordedSha256(ceremonyId, agreementId, true)) ?? doc.sha256) : undefined;
  const originalSha256 = doc ? ((await ctx.integrity.recordedSha256(ceremonyId, agreementId, false)) ?? doc.originalSha256) : undefined;
  return {
    id: a.id,
    title: a.title,
    valueIdr: a.valueIdr,
    status: a.status,
    parties: a.parties.flatMap((id) => {
      const p = state.index.party.get(id);
      return p
        ? [{ id, kind: p.kind, name: p.name, sector: p.sector, province: p.province, representative: p.representative.name, title: p.representative.title }]
        : [];
    }),
    signers,
    // The hashes the audit chain recorded, not whatever storage holds now.
    ...(sealedSha256 ? { sealedSha256 } : {}),
    ...(originalSha256 ? { originalSha256 } : {}),
    documentUrl: `${base}/api/agreements/${encodeURIComponent(a.id)}/document?ceremony=${encodeURIComponent(ceremonyId)}`,
    verifyUrl: links.verifyAgreement(base, ceremonyId, a.id),
  };
}

export function describeSeal(seal: SealVerification, identity: SealIdentity): SealView {
  return {
    present: seal.sealPresent,
    valid: seal.sealValid,
    coversWholeDocument: seal.coversWholeDocument,
    signedByPlatform: seal.signedByPlatform,
    ...(seal.signerSubject ? { signer: seal.signerSubject } : {}),
    ...(seal.issuer ? { issuer: seal.issuer } : {}),
    ...(seal.certificateFingerprintSha256 ? { fingerprintSha256: seal.certificateFingerprintSha256 } : {}),
    ...(seal.signedAt ? { signedAt: seal.signedAt } : {}),
    ...(seal.problem ? { problem: seal.problem } : {}),
    // The explanation is about the platform's certificate: a foreign seal gets no vouching.
    trust: seal.signedByPlatform || !seal.sealPresent
      ? describeSealTrust(identity.certificate)
      : {
          id: `Segel dibuat dengan sertifikat lain (${seal.issuer ?? 'tidak dikenal'}), bukan sertifikat platform ini.`,
          en: `The seal was made with another certificate (${seal.issuer ?? 'unknown'}), not this platform's.`,
        },
  };
}

type Held =
  | { kind: 'agreement-final'; ceremonyId: string; agreementId: string }
  | { kind: 'agreement-original'; ceremonyId: string; agreementId: string }
  | { kind: 'berita-acara'; ceremonyId: string };

/** Which document the platform holds with exactly these bytes, if any. */
async function findHeld(ctx: AppContext, sha256: string, seal: SealVerification): Promise<Held | undefined> {
  const found = await ctx.store.findDocumentBySha256(sha256);
  if (found) {
    // Only the SHA-256 the audit chain recorded for the agreement makes the file "held".
    const { ceremonyId, agreementId } = found;
    if ((await ctx.integrity.recordedSha256(ceremonyId, agreementId, true)) === sha256) return { kind: 'agreement-final', ...found };
    if ((await ctx.integrity.recordedSha256(ceremonyId, agreementId, false)) === sha256) return { kind: 'agreement-original', ...found };
  }
  // The Berita Acara is found through the ceremony id in its metadata, then compared by hash.
  if (seal.ceremonyId && (await ctx.store.getRecordFile(seal.ceremonyId, BERITA_ACARA_FILE))?.sha256 === sha256) {
    return { kind: 'berita-acara', ceremonyId: seal.ceremonyId };
  }
  return undefined;
}

/** The report for an uploaded file, from what a verification worker found in it (hash, seal). */
export async function verifyUpload(ctx: AppContext, identity: SealIdentity, checked: { sha256: string; size: number; seal: SealVerification }): Promise<VerifyReport> {
  const { sha256, seal } = checked;
  const sealView = describeSeal(seal, identity);
  const held = await findHeld(ctx, sha256, seal);
  const sealReason = seal.problem ? SEAL_PROBLEMS[seal.problem] : undefined;

  const report = async (
    verdict: Verdict,
    reason: Bilingual,
    ids: { ceremonyId?: string; agreementId?: string; kind?: 'agreement' | 'berita-acara' },
    bytesMatch: boolean,
  ): Promise<VerifyReport> => {
    const agreement = ids.ceremonyId && ids.agreementId ? await describeAgreement(ctx, ids.ceremonyId, ids.agreementId) : undefined;
    const ceremony = ids.ceremonyId ? await ceremonyRef(ctx, ids.ceremonyId) : undefined;
    return {
      verdict,
      reason,
      sha256,
      size: checked.size,
      ...(ids.kind ? { documentKind: ids.kind } : {}),
      ...(ceremony ? { ceremony } : {}),
      ...(agreement ? { agreement } : {}),
      signers: agreement?.signers ?? [],
      bytesMatchSealedOriginal: bytesMatch,
      sealValid: seal.sealValid,
      seal: sealView,
    };
  };

  if (held?.kind === 'agreement-final' || held?.kind === 'berita-acara') {
    const ids = held.kind === 'berita-acara' ? { ceremonyId: held.ceremonyId, kind: held.kind } : { ...held, kind: 'agreement' as const };
    if (seal.sealValid && seal.signedByPlatform) {
      return report('valid', {
        id: 'Berkas sama persis dengan salinan tersegel yang disimpan platform, dan segelnya valid.',
        en: 'The file is byte-for-byte the sealed copy the platform holds, and its seal is valid.',
      }, ids, true);
    }
    // The platform's own copy failing its seal would be a platform fault; say so rather than hide it.
    return report('tampered', join(
      { id: 'berkas sama dengan salinan yang disimpan platform, tetapi segelnya tidak valid', en: 'the file equals the copy the platform holds, but its seal is not valid' },
      sealReason ?? { id: 'segel bukan milik platform ini', en: 'the seal is not this platform\'s' },
    ), ids, true);
  }
  if (held?.kind === 'agreement-original') {
    return report('not-sealed', {
      id: 'Ini draf perjanjian yang belum ditandatangani (dibuat saat impor), bukan dokumen final yang disegel.',
      en: 'This is the unsigned draft made at import, not the final sealed document.',
    }, { ...held, kind: 'agreement' }, false);
  }

  // Not a file the platform holds. Does it claim to be one?
  const claimed = await claimedDocument(ctx, seal);
  if (claimed) {
    const differs = {
      id: `isi berkas berbeda dari salinan tersegel yang disimpan platform${claimed.heldSha256 ? ` (SHA-256 ${claimed.heldSha256})` : ''}`,
      en: `its bytes differ from the sealed copy the platform holds${claimed.heldSha256 ? ` (SHA-256 ${claimed.heldSha256})` : ''}`,
    };
    if (!seal.sealPresent) {
      return report(claimed.heldSha256 ? 'tampered' : 'not-sealed', join(
        { id: `Berkas mengaku sebagai ${claimed.label.id}, tetapi tidak bersegel`, en: `The file claims to be ${claimed.label.en}, but carries no seal` },
        ...(claimed.heldSha256 ? [differs] : []),
      ), claimed.ids, false);
    }
    return report('tampered', join(
      { id: `Berkas mengaku sebagai ${claimed.label.id}`, en: `The file claims to be ${claimed.label.en}` },
      differs,
      ...(sealReason ? [sealReason] : []),
    ), claimed.ids, false);
  }
  if (seal.sealPresent && seal.signedByPlatform) {
    return report('tampered', join(
      { id: 'Berkas membawa segel platform ini, tetapi tidak cocok dengan dokumen mana pun yang disimpan', en: 'The file carries this platform\'s seal but matches no document the platform holds' },
      ...(sealReason ? [sealReason] : []),
    ), {}, false);
  }
  return report('unknown-document', seal.sealPresent
    ? {
        id: 'Dokumen ini tidak diterbitkan oleh platform ini: segelnya berasal dari sertifikat lain dan isinya tidak cocok dengan dokumen mana pun yang disimpan.',
        en: 'This document was not issued by this platform: its seal comes from another certificate and it matches no document held here.',
      }
    : {
        id: 'Dokumen ini tidak diterbitkan oleh platform ini: tidak bersegel dan tidak cocok dengan dokumen mana pun yang disimpan.',
        en: 'This document was not issued by this platform: it has no seal and matches no document held here.',
      }, {}, false);
}

/** The agreement or Berita Acara a file names in its metadata, if the platform knows it. */
async function claimedDocument(ctx: AppContext, seal: SealVerification) {
  if (!seal.ceremonyId || !(await ctx.store.hasCeremony(seal.ceremonyId))) return undefined;
  const ceremonyId = seal.ceremonyId;
  if (seal.documentKind === 'berita-acara') {
    return {
      ids: { ceremonyId, kind: 'berita-acara' as const },
      heldSha256: (await ctx.store.getRecordFile(ceremonyId, BERITA_ACARA_FILE))?.sha256,
      label: { id: `Berita Acara upacara ${ceremonyId}`, en: `the Berita Acara of ceremony ${ceremonyId}` },
    };
  }
  if (!seal.agreementId) return undefined;
  const doc = await ctx.store.getDocument(ceremonyId, seal.agreementId);
  if (!doc) return undefined;
  return {
    ids: { ceremonyId, agreementId: seal.agreementId, kind: 'agreement' as const },
    heldSha256: doc.final ? ((await ctx.integrity.recordedSha256(ceremonyId, seal.agreementId, true)) ?? doc.sha256) : undefined,
    label: { id: `perjanjian ${seal.agreementId}`, en: `agreement ${seal.agreementId}` },
  };
}
