// Signatures kept in this tab only (sessionStorage): a half-drawn signature per agreement and
// party, restored after a reload, and the signature a representative adopted to apply to each
// of their agreements. Closing the tab forgets both; "Ganti tanda tangan" forgets an adoption,
// and the room forgets every adoption when the ceremony closes.
import type { TSignatureInput } from '../../shared/protocol/schemas';
import type { Stroke } from '../room/signature-strokes';

export interface SignatureDraft {
  mode: 'drawn' | 'typed';
  strokes: Stroke[];
  typed: string;
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

function read<T>(key: string): T | undefined {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or refused storage: the signature still works for this page load.
  }
}

const draftKey = (ceremonyId: string, agreementId: string, partyId: string) => `saksi:draft:${ceremonyId}:${agreementId}:${partyId}`;
const adoptedKey = (ceremonyId: string, partyId: string) => `saksi:adopted:${ceremonyId}:${partyId}`;

export function loadDraft(ceremonyId: string, agreementId: string, partyId: string): SignatureDraft | undefined {
  const draft = read<SignatureDraft>(draftKey(ceremonyId, agreementId, partyId));
  return draft && Array.isArray(draft.strokes) && typeof draft.typed === 'string' ? draft : undefined;
}

export function saveDraft(ceremonyId: string, agreementId: string, partyId: string, draft: SignatureDraft | undefined): void {
  const empty = !draft || (draft.strokes.length === 0 && draft.typed.trim() === '');
  write(draftKey(ceremonyId, agreementId, partyId), empty ? undefined : draft);
}

export function loadAdopted(ceremonyId: string, partyId: string): TSignatureInput | undefined {
  const s = read<TSignatureInput>(adoptedKey(ceremonyId, partyId));
  if (s?.kind === 'drawn' && typeof s.dataUrl === 'string') return s;
  if (s?.kind === 'typed' && typeof s.text === 'string') return s;
  return undefined;
}

export function saveAdopted(ceremonyId: string, partyId: string, signature: TSignatureInput | undefined): void {
  write(adoptedKey(ceremonyId, partyId), signature);
}

/** Forgets every adopted signature and draft of the ceremony in this tab. */
export function forgetCeremonySignatures(ceremonyId: string): void {
  const s = storage();
  if (!s) return;
  const prefixes = [`saksi:adopted:${ceremonyId}:`, `saksi:draft:${ceremonyId}:`];
  for (let i = s.length - 1; i >= 0; i--) {
    const key = s.key(i);
    if (key && prefixes.some((p) => key.startsWith(p))) s.removeItem(key);
  }
}
