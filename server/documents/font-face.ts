// One embedded font: text shaped and encoded once per font (glyph ids keep their original values,
// see font-subset.ts), and per document only the set of glyphs used. At save, each document gets
// a subset font file, its widths and its ToUnicode map; those are built once per distinct glyph
// set and reused, so the documents of one ceremony (same template, same roster) share them.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import { PDFObject, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import { readTrueType, subsetTrueType } from './font-subset';

/** Text in one font: the glyph ids as a PDF hex string, the width at size 1, and what it uses. */
export interface ShapedText {
  readonly hex: string;
  readonly width: number;
  readonly gids: readonly number[];
  /** Per glyph, the UTF-16 hex its ToUnicode entry maps to (e.g. "0066006C" for an fl ligature). */
  readonly unicodes: readonly string[];
}

interface SubsetFiles {
  baseFont: string;
  fontFile: Uint8Array;
  fontFileLength: number;
  toUnicode: Uint8Array;
  /** The CIDFont's W array, [firstGid [widths...] firstGid [widths...] ...], written out once. */
  widths: PDFLiteral;
}

/**
 * A direct object written as prepared bytes. pdf-lib would build a PDFNumber per width and format
 * each on every save; a subset's widths never change, so they are formatted once.
 */
class PDFLiteral extends PDFObject {
  private readonly bytes: Uint8Array;

  constructor(private readonly text: string) {
    super();
    this.bytes = Buffer.from(text, 'latin1');
  }

  override clone(): PDFLiteral {
    return this;
  }

  override toString(): string {
    return this.text;
  }

  override sizeInBytes(): number {
    return this.bytes.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}

const SHAPE_CACHE_MAX = 50_000;
const SUBSET_CACHE_MAX = 64;

/**
 * 4-digit hex of a glyph id or UTF-16 unit, one shared string per value. Every shaped text is kept
 * (the shape cache) with its hex and the hex of each glyph's text: built with `+=` from fresh
 * strings these were chains of concatenated strings, ~100 KB per stamped document retained in a
 * stamping worker (its hashes, links and times are new in every document), which made scavenges
 * and the old generation's marking grow with every stamp.
 */
const HEX4: string[] = [];
const hex4 = (n: number): string => (HEX4[n] ??= n.toString(16).padStart(4, '0'));

function utf16Hex(codePoints: readonly number[]): string {
  if (codePoints.length === 1 && codePoints[0] <= 0xffff) return hex4(codePoints[0]);
  let out = '';
  for (const cp of codePoints) {
    if (cp <= 0xffff) out += hex4(cp);
    else out += hex4(0xd800 + ((cp - 0x10000) >> 10)) + hex4(0xdc00 + ((cp - 0x10000) & 0x3ff));
  }
  return out;
}

export class LibraryFace {
  readonly scale: number;
  readonly name: string;
  private readonly file: ReturnType<typeof readTrueType>;
  private readonly shapes = new Map<string, ShapedText>();
  private readonly subsets = new Map<string, SubsetFiles>();
  private readonly descriptor: Record<string, unknown>;
  /** Glyphs every subset of this face carries (printable ASCII for the Latin faces), so that
   * documents differing only in ASCII text share one subset. */
  readonly baseGlyphs: ReadonlyMap<number, string>;

  constructor(private readonly font: FontkitFont, bytes: Uint8Array, withAscii: boolean) {
    this.scale = 1000 / font.unitsPerEm;
    this.name = font.postscriptName || 'Font';
    this.file = readTrueType(bytes);
    const base = new Map<number, string>();
    if (withAscii) {
      for (let cp = 0x20; cp <= 0x7e; cp++) {
        const gid = font.glyphForCodePoint(cp).id;
        if (gid !== 0 && !base.has(gid)) base.set(gid, hex4(cp));
      }
    }
    this.baseGlyphs = base;
    const { italicAngle, ascent, descent, capHeight, xHeight, bbox } = font;
    const s = this.scale;
    // The flags pdf-lib derives (after pdfkit): fixed pitch, serif, symbolic, script, italic.
    const tables = font as unknown as { 'OS/2'?: { sFamilyClass: number }; post: { isFixedPitch: number }; head: { macStyle: { italic: boolean } } };
    const familyClass = tables['OS/2']?.sFamilyClass ?? 0;
    const flags = (tables.post.isFixedPitch ? 1 : 0) | (1 <= familyClass && familyClass <= 7 ? 2 : 0) | 4
      | (familyClass === 10 ? 8 : 0) | (tables.head.macStyle.italic ? 64 : 0);
    this.descriptor = {
      Type: 'FontDescriptor', Flags: flags,
      FontBBox: [bbox.minX * s, bbox.minY * s, bbox.maxX * s, bbox.maxY * s],
      ItalicAngle: italicAngle, Ascent: ascent * s, Descent: descent * s,
      CapHeight: (capHeight || ascent) * s, XHeight: (xHeight || 0) * s, StemV: 0,
    };
  }

  hasGlyphForCodePoint(codePoint: number): boolean {
    return this.font.hasGlyphForCodePoint(codePoint);
  }

  /** Shapes through the font's (memoized) OpenType layout; the same text shapes once. */
  shape(text: string): ShapedText {
    let shaped = this.shapes.get(text);
    if (shaped) return shaped;
    const glyphs = this.font.layout(text).glyphs;
    let advance = 0;
    const gids = new Array<number>(glyphs.length);
    const unicodes = new Array<string>(glyphs.length);
    const hex = new Array<string>(glyphs.length + 2);
    hex[0] = '<';
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i];
      gids[i] = glyph.id;
      unicodes[i] = utf16Hex(glyph.codePoints);
      hex[i + 1] = hex4(glyph.id);
      advance += glyph.advanceWidth;
    }
    hex[glyphs.length + 1] = '>';
    // join() makes one flat string (see HEX4).
    shaped = { hex: hex.join(''), width: (advance * this.scale) / 1000, gids, unicodes };
    if (this.shapes.size >= SHAPE_CACHE_MAX) this.shapes.clear();
    this.shapes.set(text, shaped);
    return shaped;
  }

  /** The subset files for exactly these glyphs (gid → ToUnicode hex), built once per set. */
  subset(used: ReadonlyMap<number, string>): SubsetFiles {
    const gids = [...used.keys()].sort((a, b) => a - b);
    const key = gids.map((gid) => `${gid}:${used.get(gid)}`).join(' ');
    let files = this.subsets.get(key);
    if (files) {
      // Most recently used last, so the oldest entry is the one dropped.
      this.subsets.delete(key);
      this.subsets.set(key, files);
      return files;
    }
    const fontFile = subsetTrueType(this.file, gids);
    const tag = [...createHash('sha256').update(this.name).update(key).digest().subarray(0, 6)]
      .map((b) => String.fromCharCode(65 + (b % 26))).join('');
    let widths = '';
    gids.forEach((gid, i) => {
      if (i === 0 || gid !== gids[i - 1] + 1) widths += `${i === 0 ? '' : '] '}${gid} [`;
      else widths += ' ';
      widths += String(Math.round(this.font.getGlyph(gid).advanceWidth * this.scale * 1000) / 1000);
    });
    files = {
      baseFont: `${tag}+${this.name}`,
      fontFile: deflateSync(fontFile),
      fontFileLength: fontFile.length,
      toUnicode: deflateSync(Buffer.from(toUnicodeCmap(gids.filter((gid) => used.get(gid)).map((gid) => [gid, used.get(gid)!])), 'latin1')),
      widths: new PDFLiteral(`[${widths}${gids.length > 0 ? ']' : ''}]`),
    };
    if (this.subsets.size >= SUBSET_CACHE_MAX) this.subsets.delete(this.subsets.keys().next().value!);
    this.subsets.set(key, files);
    return files;
  }

  /** Writes the font objects of one document (Type0 → CIDFontType2 → descriptor → FontFile2). */
  write(doc: PDFDocument, ref: PDFRef, used: ReadonlyMap<number, string>): void {
    const files = this.subset(used);
    const { context } = doc;
    const fontFile = context.register(context.stream(files.fontFile, { Filter: 'FlateDecode', Length1: files.fontFileLength }));
    const descriptor = context.register(context.obj({ ...this.descriptor, FontName: files.baseFont, FontFile2: fontFile }));
    const cidFont = context.register(context.obj({
      Type: 'Font', Subtype: 'CIDFontType2', CIDToGIDMap: 'Identity', BaseFont: files.baseFont,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor, W: files.widths,
    }));
    const toUnicode = context.register(context.stream(files.toUnicode, { Filter: 'FlateDecode' }));
    context.assign(ref, context.obj({
      Type: 'Font', Subtype: 'Type0', BaseFont: files.baseFont, Encoding: 'Identity-H',
      DescendantFonts: [cidFont], ToUnicode: toUnicode,
    }));
  }
}

function toUnicodeCmap(entries: Array<[number, string]>): string {
  const lines: string[] = [];
  // At most 100 entries per bfchar block (PDF reference, 9.10.3).
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    lines.push(`${block.length} beginbfchar`, ...block.map(([gid, unicode]) => `<${hex4(gid)}> <${unicode}>`), 'endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
    '1 begincodespacerange', '<0000> <ffff>', 'endcodespacerange',
    ...lines,
    'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
  ].join('\n');
}

/** One font of one document: remembers the glyphs drawn, writes its objects when the document is saved. */
export class DocumentFace {
  readonly ref: PDFRef;
  private readonly used: Map<number, string>;

  constructor(readonly face: LibraryFace, doc: PDFDocument) {
    this.ref = doc.context.nextRef();
    this.used = new Map(face.baseGlyphs);
    // pdf-lib calls embed() on everything in doc.fonts at the start of save(), after all drawing;
    // that is when the glyph set is complete.
    (doc as unknown as { fonts: Array<{ embed(): Promise<void> }> }).fonts.push({
      embed: async () => face.write(doc, this.ref, this.used),
    });
  }

  shape(text: string): ShapedText {
    const shaped = this.face.shape(text);
    this.use(shaped);
    return shaped;
  }

  use(shaped: ShapedText): void {
    const { gids, unicodes } = shaped;
    for (let i = 0; i < gids.length; i++) if (!this.used.has(gids[i])) this.used.set(gids[i], unicodes[i]);
  }
}
