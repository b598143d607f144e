// A drawn signature arrives as a PNG data URL. Check it is small and really a PNG before it is
// stored or ever handed to pdf-lib.
import { MAX_SIGNATURE_DATA_URL_CHARS, MAX_SIGNATURE_PNG_BYTES } from '../../shared/protocol/schemas';
import { fail, ok, type Result } from '../domain/errors';
import { sha256Hex } from '../security/sha256';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PREFIX = 'data:image/png;base64,';

export interface DecodedSignature {
  png: Uint8Array;
  sha256: string;
  width: number;
  height: number;
}

export function decodeSignatureDataUrl(dataUrl: string): Result<DecodedSignature> {
  if (dataUrl.length > MAX_SIGNATURE_DATA_URL_CHARS) {
    return fail('SIGNATURE_TOO_LARGE', `data URL of ${dataUrl.length} characters`);
  }
  if (!dataUrl.startsWith(PREFIX)) return fail('INVALID_SIGNATURE', 'not a PNG data URL');
  const base64 = dataUrl.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return fail('INVALID_SIGNATURE', 'not base64');
  const png = Buffer.from(base64, 'base64');
  if (png.length > MAX_SIGNATURE_PNG_BYTES) return fail('SIGNATURE_TOO_LARGE', `${png.length} bytes`);
  // Signature, then the IHDR chunk with width and height (big-endian) at bytes 16–23.
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC) || png.toString('latin1', 12, 16) !== 'IHDR') {
    return fail('INVALID_SIGNATURE', 'not a PNG image');
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width < 1 || height < 1 || width > 4000 || height > 4000) {
    return fail('INVALID_SIGNATURE', `unreasonable size ${width}x${height}`);
  }
  return ok({ png: new Uint8Array(png), sha256: sha256Hex(png), width, height });
}
