// Page geometry shared by the template (which draws the empty boxes) and the stamper (which
// fills them). Coordinates are PDF points, origin bottom-left, relative to the page.
import { PageSizes } from 'pdf-lib';

export const PAGE_WIDTH = PageSizes.A4[0];
export const PAGE_HEIGHT = PageSizes.A4[1];
export const MARGIN_X = 56;
export const MARGIN_TOP = 60;
/** The bottom band is left empty in originals: stamping puts the QR code and SHA-256 footer there. */
export const MARGIN_BOTTOM = 112;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

/** Where the page number line of an original sits (above the stamping band). */
export const PAGE_NUMBER_Y = 92;
/** The stamping band: QR code square at the bottom right, footer lines at the bottom left. */
export const QR_SIZE = 62;
export const QR_BOX = { x: PAGE_WIDTH - MARGIN_X - QR_SIZE, y: 20, size: QR_SIZE };
export const FOOTER_Y = 24;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One party's signature box, and the parts of it the stamper fills. */
export interface SignatureBox {
  partyIndex: number;
  /** Index among the signature pages (0 = first signature page), not of the whole document. */
  signaturePage: number;
  box: Rect;
  /** Header: party kind and name (drawn by the template). */
  headerTop: number;
  /** Where the signature image or typed name goes. */
  signatureArea: Rect;
  /** The line the signature sits on. */
  signatureLineY: number;
  /** Baselines of the representative's name and title under the line. */
  nameY: number;
  titleY: number;
  /** Baseline of the labelled e-Meterai serial space. */
  meteraiY: number;
  /** Baselines of the two stamping lines: room, then local time with zone. */
  roomY: number;
  timeY: number;
}

const COLUMNS = 2;
const ROWS = 3;
const GUTTER = 18;
const BOX_HEIGHT = 178;
/** Top of the first row, leaving room for the signature page heading. */
const BOXES_TOP = PAGE_HEIGHT - MARGIN_TOP - 96;

export const BOXES_PER_PAGE = COLUMNS * ROWS;

export function signaturePageCount(partyCount: number): number {
  return Math.max(1, Math.ceil(partyCount / BOXES_PER_PAGE));
}

/**
 * Two columns by three rows per signature page; the signature pages are the last pages of the
 * original, so the stamper finds them from the page count alone.
 */
export function layoutSignatureBoxes(partyCount: number): SignatureBox[] {
  const width = (CONTENT_WIDTH - GUTTER * (COLUMNS - 1)) / COLUMNS;
  const boxes: SignatureBox[] = [];
  for (let i = 0; i < partyCount; i++) {
    const slot = i % BOXES_PER_PAGE;
    const column = slot % COLUMNS;
    const row = Math.floor(slot / COLUMNS);
    const x = MARGIN_X + column * (width + GUTTER);
    const top = BOXES_TOP - row * (BOX_HEIGHT + GUTTER);
    const y = top - BOX_HEIGHT;
    boxes.push({
      partyIndex: i,
      signaturePage: Math.floor(i / BOXES_PER_PAGE),
      box: { x, y, width, height: BOX_HEIGHT },
      headerTop: top - 14,
      signatureArea: { x: x + 10, y: y + 74, width: width - 20, height: BOX_HEIGHT - 46 - 74 },
      signatureLineY: y + 70,
      nameY: y + 58,
      titleY: y + 47,
      meteraiY: y + 34,
      roomY: y + 19,
      timeY: y + 8,
    });
  }
  return boxes;
}
