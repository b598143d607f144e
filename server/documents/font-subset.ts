// A TrueType subset that keeps every glyph at its original id ("retain gids"): the glyphs a
// document uses are copied byte for byte from the font's glyf table, every other glyph slot is
// left empty. Because ids do not change, a page's text encodes the same way whatever else the
// document draws, so text can be shaped and encoded once per font and reused by every document,
// and a subset built for one set of glyphs serves every document that uses that set.
// Tables kept are the ones PDF viewers read from an embedded TrueType font (and the ones
// fontkit's own subsetter writes): head, hhea, maxp, loca, glyf, hmtx, plus hinting (cvt, fpgm,
// prep) copied as they are.

interface TableRecord {
  offset: number;
  length: number;
}

export interface TrueTypeSource {
  readonly bytes: Uint8Array;
  readonly numGlyphs: number;
  /** Glyph record bounds in glyf (loca). */
  glyphRange(gid: number): [number, number];
  /** The glyph ids a composite glyph draws (empty for a simple glyph). */
  componentsOf(gid: number): number[];
}

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

const KEPT_TABLES = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'] as const;

export function readTrueType(bytes: Uint8Array): TrueTypeSource & { tables: Map<string, TableRecord> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, TableRecord>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const table = (tag: string) => {
    const record = tables.get(tag);
    if (!record) throw new Error(`font has no ${tag} table`);
    return record;
  };
  const numGlyphs = view.getUint16(table('maxp').offset + 4);
  const longLoca = view.getInt16(table('head').offset + 50) === 1;
  const loca = table('loca').offset;
  const glyf = table('glyf').offset;
  const locaAt = (i: number) => (longLoca ? view.getUint32(loca + 4 * i) : view.getUint16(loca + 2 * i) * 2);
  const glyphRange = (gid: number): [number, number] => [glyf + locaAt(gid), glyf + locaAt(gid + 1)];
  return {
    bytes,
    tables,
    numGlyphs,
    glyphRange,
    componentsOf(gid) {
      const [start, end] = glyphRange(gid);
      if (end - start < 10 || view.getInt16(start) >= 0) return [];
      const components: number[] = [];
      let at = start + 10;
      for (;;) {
        const flags = view.getUint16(at);
        components.push(view.getUint16(at + 2));
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
        if (!(flags & MORE_COMPONENTS)) return components;
      }
    },
  };
}

const checksum = (data: Uint8Array): number => {
  const padded = data.length % 4 === 0 ? data : (() => {
    const copy = new Uint8Array(data.length + (4 - (data.length % 4)));
    copy.set(data);
    return copy;
  })();
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
};

/**
 * The font file holding `gids` (and the glyphs their composites use; glyph 0, .notdef, always),
 * each at its original id. Glyph records are padded to 4 bytes and loca is written in the long
 * format, so no offset depends on the records' alignment.
 */
export function subsetTrueType(font: ReturnType<typeof readTrueType>, gids: Iterable<number>): Uint8Array {
  const keep = new Set<number>([0]);
  const pending = [...gids];
  while (pending.length > 0) {
    const gid = pending.pop()!;
    if (gid < 0 || gid >= font.numGlyphs || keep.has(gid)) continue;
    keep.add(gid);
    pending.push(...font.componentsOf(gid));
  }
  const numGlyphs = Math.max(...keep) + 1;
  const source = font.bytes;
  const sourceView = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const record = (tag: string) => font.tables.get(tag);
  const copy = (tag: string) => {
    const r = record(tag);
    return r ? source.slice(r.offset, r.offset + r.length) : undefined;
  };

  // glyf and loca
  let glyfLength = 0;
  for (const gid of keep) {
    const [start, end] = font.glyphRange(gid);
    glyfLength += (end - start + 3) & ~3;
  }
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array(4 * (numGlyphs + 1));
  const locaView = new DataView(loca.buffer);
  let offset = 0;
  for (let gid = 0; gid < numGlyphs; gid++) {
    locaView.setUint32(4 * gid, offset);
    if (!keep.has(gid)) continue;
    const [start, end] = font.glyphRange(gid);
    glyf.set(source.subarray(start, end), offset);
    offset += (end - start + 3) & ~3;
  }
  locaView.setUint32(4 * numGlyphs, offset);

  // hmtx: one long metric per kept slot (advance width and left side bearing of the original).
  const hhea = copy('hhea')!;
  const hheaView = new DataView(hhea.buffer);
  const sourceMetrics = hheaView.getUint16(34);
  const hmtxAt = record('hmtx')!.offset;
  const hmtx = new Uint8Array(4 * numGlyphs);
  const hmtxView = new DataView(hmtx.buffer);
  for (const gid of keep) {
    const metric = Math.min(gid, sourceMetrics - 1);
    hmtxView.setUint16(4 * gid, sourceView.getUint16(hmtxAt + 4 * metric));
    const bearing = gid < sourceMetrics ? hmtxAt + 4 * gid + 2 : hmtxAt + 4 * sourceMetrics + 2 * (gid - sourceMetrics);
    hmtxView.setInt16(4 * gid + 2, sourceView.getInt16(bearing));
  }
  hheaView.setUint16(34, numGlyphs);

  const maxp = copy('maxp')!;
  new DataView(maxp.buffer).setUint16(4, numGlyphs);
  const head = copy('head')!;
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set by writeFont
  headView.setInt16(50, 1); // long loca

  const built = new Map<string, Uint8Array>([['glyf', glyf], ['loca', loca], ['hmtx', hmtx], ['hhea', hhea], ['maxp', maxp], ['head', head]]);
  for (const tag of ['cvt ', 'fpgm', 'prep']) {
    const data = copy(tag);
    if (data) built.set(tag, data);
  }
  const tags = KEPT_TABLES.filter((tag) => built.has(tag));
  return writeFont(tags.map((tag) => [tag, built.get(tag)!]));
}

function writeFont(tables: Array<[string, Uint8Array]>): Uint8Array {
  const count = tables.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 16 * 2 ** entrySelector;
  let size = 12 + 16 * count;
  for (const [, data] of tables) size += (data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, count * 16 - searchRange);
  let offset = 12 + 16 * count;
  let headOffset = 0;
  tables.forEach(([tag, data], i) => {
    const at = 12 + 16 * i;
    for (let c = 0; c < 4; c++) out[at + c] = tag.charCodeAt(c);
    view.setUint32(at + 4, checksum(data));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, data.length);
    if (tag === 'head') headOffset = offset;
    out.set(data, offset);
    offset += (data.length + 3) & ~3;
  });
  // The whole file sums to 0xB1B0AFBA once head.checkSumAdjustment is set.
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
