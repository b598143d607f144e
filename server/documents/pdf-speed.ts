// pdf-lib settings for documents made on a server, not in a browser tab: no pauses and native
// compression. Measured on a 2-party agreement (bench/document-cost.ts): pdf-lib yields to the
// event loop with setTimeout every 50 objects on save (100 on load) and deflates every stream in
// pure-JavaScript pako, together about a fifth of a stamp's CPU; content streams were copied into
// their buffers a character at a time.
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { ParseSpeeds, type LoadOptions, type SaveOptions } from 'pdf-lib';

/** Parse in one go; keep the file's own metadata (producer, dates) as the input wrote it. */
export const LOAD_FAST: LoadOptions = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest };

/**
 * Serialize in one go. No object streams: signpdf finds the seal's placeholder by scanning the
 * bytes, and the originals are saved the same way so a stamp keeps their layout.
 */
export const SAVE_FAST: SaveOptions = { useObjectStreams: false, objectsPerTick: Infinity };

let installed = false;

/**
 * pdf-lib compresses content streams with `pako.deflate(bytes)` (the CommonJS and ES builds both
 * call it on the one shared pako module). zlib's deflate writes an equally valid stream several
 * times faster. Only the one-argument form pdf-lib uses is
 * replaced; other pako users (jszip's streaming Deflate, calls with options) are untouched.
 */
export function usePdfSpeedups(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const pako = require('pako') as { deflate: (data: Uint8Array, options?: unknown) => Uint8Array };
  const original = pako.deflate;
  // Level 3: a third of level 6's time on a certificate page's text (21 KB → 2.9 KB instead of
  // 2.4 KB); these are the streams made per document (fonts and images are compressed once, at
  // the default level, and reused).
  pako.deflate = (data, options) => (options === undefined ? deflateSync(data, { level: 3 }) : original(data, options));
  // A content stream's bytes are its operators' text, one per line. pdf-lib measures every
  // operator, then copies it into the buffer a character at a time in JavaScript; the same text
  // built as one string and converted natively is the same bytes (both keep each UTF-16 code
  // unit's low byte) for a fraction of the time: a certificate page holds a few hundred text objects.
  const { PDFContentStream } = require('pdf-lib') as { PDFContentStream: { prototype: { getUnencodedContents(): Uint8Array; getContentsString(): string } } };
  PDFContentStream.prototype.getUnencodedContents = function (this: { getContentsString(): string }) {
    return Buffer.from(this.getContentsString(), 'latin1');
  };
}
