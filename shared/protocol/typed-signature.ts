// The rule for a typed signature, shared by the zod schema at the edge and the domain (and free of
// zod so the signing pad may use it too). A name must show something: text made only of
// zero-width, format, control or whitespace characters, or of combining marks with nothing to
// sit on, would stamp an empty box that looks signed. Real names in any script pass.

/** Letters or digits of any script: what makes a name visible. */
const VISIBLE = /[\p{L}\p{N}]/u;
/** C0/C1 controls, and bidi embeddings/overrides/isolates that can reorder how a name reads. */
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
/** Whitespace and invisible format characters (ZWSP, ZWJ, word joiner, BOM, …) at either end. */
const EDGES = /^[\s\p{Z}\p{Cf}]+|[\s\p{Z}\p{Cf}]+$/gu;

export type TypedSignatureCheck = { ok: true; text: string } | { ok: false; problem: string };

/** NFC-normalizes and trims the text; refuses it unless it shows a letter or digit. */
export function checkTypedSignature(raw: string, maxChars: number): TypedSignatureCheck {
  const normalized = raw.normalize('NFC');
  if (FORBIDDEN.test(normalized)) {
    return { ok: false, problem: 'tanda tangan ketik memuat karakter kendali / a typed signature contains control characters' };
  }
  const text = normalized.replace(EDGES, '');
  if (!VISIBLE.test(text)) {
    return { ok: false, problem: 'tanda tangan ketik harus memuat huruf atau angka yang terlihat / a typed signature needs visible letters or digits' };
  }
  if (text.length > maxChars) return { ok: false, problem: `at most ${maxChars} characters` };
  return { ok: true, text };
}
