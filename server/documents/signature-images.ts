// Drawn signatures as PDF images, decoded once. pdf-lib's embedPng decodes a PNG with a
// pure-JavaScript inflate and deflates its colour and alpha planes again for every document;
// here the strict decoder (server/images/, node:zlib) decodes a signature once, and its two
// compressed planes are kept by the image's SHA-256. A representative adopts one signature and
// applies it to every agreement of the wave, so most stamps find it already prepared.
import { createHash } from 'node:crypto';
import { constants, deflateSync } from 'node:zlib';
import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument, type PDFPage } from 'pdf-lib';
import { MAX_SIGNATURE_HEIGHT, MAX_SIGNATURE_PIXELS, MAX_SIGNATURE_WIDTH } from '../../shared/protocol/limits';
import { decodePng, type PngLimits } from '../images/png-decode';

/** The same limits the edge applies when the signature arrives (server/realtime/signature-image.ts). */
const LIMITS: PngLimits = { maxWidth: MAX_SIGNATURE_WIDTH, maxHeight: MAX_SIGNATURE_HEIGHT, maxPixels: MAX_SIGNATURE_PIXELS, deadlineMs: 500 };
// A large drawing (up to 2400 × 1200) compresses to a few hundred KB at most: bounded per worker.
const CACHE_MAX = 64;
/**
 * Ink on transparency is long runs of equal bytes: run-length deflate at level 1 makes the planes
 * as small as the default level 6 (630 against 628 bytes for a 240 × 80 drawing) in a third of
 * the time (0.3 against 0.9 ms per image), once per new drawing in a burst.
 */
const PLANE_DEFLATE = { level: 1, strategy: constants.Z_RLE };

export interface PreparedImage {
  width: number;
  height: number;
  /** Flate-compressed 8-bit RGB samples. */
  rgb: Uint8Array;
  /** Flate-compressed 8-bit alpha samples; absent for a fully opaque image. */
  alpha?: Uint8Array;
}

export interface SignatureImages {
  /** Decodes (strictly: throws PngError on anything malformed) and compresses, once per image. */
  prepare(png: Uint8Array): PreparedImage;
}

export function createSignatureImages(): SignatureImages {
  const prepared = new Map<string, PreparedImage>();
  return {
    prepare(png) {
      const key = createHash('sha256').update(png).digest('hex');
      let image = prepared.get(key);
      if (image) return image;
      const { width, height, rgba } = decodePng(png, LIMITS);
      const pixels = width * height;
      const rgb = new Uint8Array(pixels * 3);
      const alpha = new Uint8Array(pixels);
      let opaque = true;
      for (let i = 0, j = 0; i < pixels; i++, j += 4) {
        rgb[i * 3] = rgba[j];
        rgb[i * 3 + 1] = rgba[j + 1];
        rgb[i * 3 + 2] = rgba[j + 2];
        alpha[i] = rgba[j + 3];
        if (rgba[j + 3] !== 255) opaque = false;
      }
      image = { width, height, rgb: deflateSync(rgb, PLANE_DEFLATE), alpha: opaque ? undefined : deflateSync(alpha, PLANE_DEFLATE) };
      if (prepared.size >= CACHE_MAX) prepared.delete(prepared.keys().next().value!);
      prepared.set(key, image);
      return image;
    },
  };
}

/** Adds the image to the document (as pdf-lib's embedPng would: RGB with an SMask) and draws it. */
export function drawPreparedImage(doc: PDFDocument, page: PDFPage, image: PreparedImage, x: number, y: number, width: number, height: number): void {
  const { context } = doc;
  const base = { Type: 'XObject', Subtype: 'Image', Width: image.width, Height: image.height, BitsPerComponent: 8, Filter: 'FlateDecode' };
  const smask = image.alpha ? context.register(context.stream(image.alpha, { ...base, ColorSpace: 'DeviceGray' })) : undefined;
  const ref = context.register(context.stream(image.rgb, { ...base, ColorSpace: 'DeviceRGB', ...(smask ? { SMask: smask } : {}) }));
  const name = page.node.newXObject('Image', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, x, y), drawObject(name), popGraphicsState());
}
