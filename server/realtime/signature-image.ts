// A drawn signature arrives as a PNG data URL. It is fully decoded here, at the edge, by a strict
// decoder with size, dimension and time limits, and re-encoded: only the clean re-encoding is
// stored, hashed and later handed to pdf-lib. Anything that does not decode is refused before the
// signature is acknowledged, so a crafted image can never reach the stamping job.
import {
  MAX_SIGNATURE_DATA_URL_CHARS,
  MAX_SIGNATURE_HEIGHT,
  MAX_SIGNATURE_PIXELS,
  MAX_SIGNATURE_PNG_BYTES,
  MAX_SIGNATURE_WIDTH,
} from '../../shared/protocol/limits';
import { fail, ok, type Result } from '../domain/errors';
import { decodePng, PngError, type PngLimits } from '../images/png-decode';
import { encodeRgbaPng } from '../images/png-encode';
import { sha256Hex } from '../security/sha256';

const PREFIX = 'data:image/png;base64,';

export const SIGNATURE_PNG_LIMITS: PngLimits = {
  maxWidth: MAX_SIGNATURE_WIDTH,
  maxHeight: MAX_SIGNATURE_HEIGHT,
  maxPixels: MAX_SIGNATURE_PIXELS,
  deadlineMs: 500,
};

export interface DecodedSignature {
  /** The clean re-encoding (8-bit RGBA PNG), not the bytes the client sent. */
  png: Uint8Array;
  sha256: string;
  width: number;
  height: number;
}

export function decodeSignatureDataUrl(dataUrl: string): Result<DecodedSignature> {
  if (dataUrl.length > MAX_SIGNATURE_DATA_URL_CHARS) {
    return fail('SIGNATURE_TOO_LARGE', `data URL of ${dataUrl.length} characters`);
  }
  if (!dataUrl.startsWith(PREFIX)) return fail('SIGNATURE_IMAGE_INVALID', 'not a PNG data URL', ['not a PNG data URL']);
  const base64 = dataUrl.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return fail('SIGNATURE_IMAGE_INVALID', 'not base64', ['not base64']);
  const sent = Buffer.from(base64, 'base64');
  if (sent.length > MAX_SIGNATURE_PNG_BYTES) return fail('SIGNATURE_TOO_LARGE', `${sent.length} bytes`);
  return cleanSignaturePng(sent);
}

/** Decodes untrusted PNG bytes and returns their clean re-encoding, or why they were refused. */
export function cleanSignaturePng(bytes: Uint8Array): Result<DecodedSignature> {
  let image;
  try {
    image = decodePng(bytes, SIGNATURE_PNG_LIMITS);
  } catch (error) {
    if (!(error instanceof PngError)) throw error;
    return fail('SIGNATURE_IMAGE_INVALID', error.message, [error.message]);
  }
  const png = encodeRgbaPng(image);
  // Re-encoding a tiny palette image as RGBA can grow it; the stored copy obeys the same cap.
  if (png.length > MAX_SIGNATURE_PNG_BYTES) return fail('SIGNATURE_TOO_LARGE', `re-encoded image of ${png.length} bytes`);
  return ok({ png, sha256: sha256Hex(png), width: image.width, height: image.height });
}
