// Reading an uploaded PDF: either the raw bytes (`Content-Type: application/pdf`, what scripts
// and curl send) or the file part of a `multipart/form-data` body (what the page's plain HTML form
// sends, so verification works without JavaScript). The multipart reader is deliberately tiny: it
// needs one file part, held in memory, from a body already capped at MAX_UPLOAD_BYTES.
import { raw, type NextFunction, type Request, type Response } from 'express';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type UploadResult =
  | { ok: true; bytes: Uint8Array; filename?: string }
  | { ok: false; code: 'NOT_A_PDF' | 'FILE_TOO_LARGE' | 'INVALID_PAYLOAD'; detail: string };

/** Buffers any body up to the limit; an oversized one is reported, not thrown. */
export function readUploadBody() {
  const parse = raw({ type: () => true, limit: MAX_UPLOAD_BYTES });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        res.locals.uploadTooLarge = true;
        // The rest of the body is not read; close the connection after answering.
        res.set('Connection', 'close');
        return next();
      }
      next(error);
    });
  };
}

export function extractUpload(req: Request, res: Response): UploadResult {
  if (res.locals.uploadTooLarge) return { ok: false, code: 'FILE_TOO_LARGE', detail: `more than ${MAX_UPLOAD_BYTES} bytes` };
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const type = req.get('content-type') ?? '';
  let bytes: Buffer = body;
  let filename: string | undefined;
  if (/^multipart\/form-data/i.test(type)) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!boundary) return { ok: false, code: 'INVALID_PAYLOAD', detail: 'multipart body without a boundary' };
    const part = findFilePart(body, boundary[1] ?? boundary[2]);
    if (!part) return { ok: false, code: 'INVALID_PAYLOAD', detail: 'no file in the form' };
    bytes = part.bytes;
    filename = part.filename;
  }
  if (bytes.length === 0) return { ok: false, code: 'INVALID_PAYLOAD', detail: 'empty upload' };
  // PDF readers accept a header within the first 1024 bytes; so do we.
  if (!bytes.subarray(0, 1024).includes('%PDF-')) return { ok: false, code: 'NOT_A_PDF', detail: 'no %PDF- header' };
  return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), filename };
}

/** The first part of a multipart body that carries a file (a `filename=` in its disposition). */
export function findFilePart(body: Buffer, boundary: string): { bytes: Buffer; filename?: string } | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const headerStart = start + delimiter.length + 2; // past "\r\n"
    if (body.subarray(start + delimiter.length, start + delimiter.length + 2).toString() === '--') return undefined;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) return undefined;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return undefined;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
    if (filename !== undefined) return { bytes: body.subarray(headerEnd + 4, next), filename };
    start = next + 2;
  }
  return undefined;
}
