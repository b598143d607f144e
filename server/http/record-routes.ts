// The ceremony's record and audit trail over HTTP.
// - GET /api/ceremonies/:id/berita-acara.pdf and /record.zip are public, like /verify: the
//   Berita Acara is a public record of a public ceremony, and the ZIP holds only documents that
//   are each already public at /api/agreements/:id/document (plus the manifest and audit log).
//   Before the ceremony is closed they answer 409 DOCUMENT_NOT_READY; after a close whose record
//   is not stored yet (still building, or a restart) the request waits for the one build.
// - GET /api/ceremonies/:id/audit needs the organizer credential: besides the raw events it lists
//   every signature's evidence with the signer's plain IP address, which no public view shows.
import { Router, type Response } from 'express';
import type { AppContext } from '../app';
import { createCeremonyRecord, RECORD_FILES, type CeremonyRecord, type RecordFileName } from '../ceremony/ceremony-record';
import { checkAudit, organizerEvidence } from '../ceremony/record-audit';
import { sendError } from './http-errors';
import { loaded } from './loaded-ceremony';
import { requireOrganizer } from './organizer-auth';
import { sha256Hex } from '../security/sha256';

export function recordRoutes(ctx: AppContext, record?: CeremonyRecord): Router {
  // The caller may own the record builder (and close it); otherwise it lives as long as the app.
  const builder = record ?? createCeremonyRecord(ctx);
  const router = Router();
  const reported = new Set<string>();

  router.get('/api/ceremonies/:id/audit', requireOrganizer(ctx.organizerToken), loaded(ctx.service, async ({ ceremony }, req, res) => {
    const { report, rows } = await checkAudit(ctx.store, ceremony.id);
    // `signatures` carries each signer's plain IP address: this route is the organizer's only.
    res.set('Cache-Control', 'no-store').json({ report, events: rows, signatures: await organizerEvidence(ctx.store, ceremony) });
  }));

  const serve = (name: RecordFileName, type: string, disposition: (id: string) => string) =>
    async (req: { params: { id: string } }, res: Response, next: (e: unknown) => void) => {
      try {
        const ceremonyId = req.params.id;
        const ceremony = (await ctx.service.ensure(ceremonyId))?.ceremony;
        if (!ceremony) return sendError(res, 'CEREMONY_NOT_FOUND');
        if (ceremony.phase !== 'closed') return sendError(res, 'DOCUMENT_NOT_READY', ['the ceremony is not closed yet']);
        let file = await ctx.store.getRecordFile(ceremonyId, name);
        if (!file) {
          await builder.ensure(ceremonyId);
          file = await ctx.store.getRecordFile(ceremonyId, name);
        }
        if (!file) return sendError(res, 'DOCUMENT_NOT_READY', ['the record could not be built']);
        if (sha256Hex(file.bytes) !== file.sha256) {
          const key = `${ceremonyId}/${name}/${file.sha256}`;
          if (!reported.has(key)) ctx.log(`DOCUMENT_INTEGRITY ${ceremonyId}/${name}: stored bytes do not match their SHA-256`);
          reported.add(key);
          return sendError(res, 'DOCUMENT_INTEGRITY');
        }
        res.set({
          'Content-Type': type,
          'Content-Disposition': disposition(ceremonyId),
          'X-Document-Sha256': file.sha256,
          'Cache-Control': 'no-store',
        });
        res.end(Buffer.from(file.bytes));
      } catch (error) {
        next(error);
      }
    };

  router.get(
    '/api/ceremonies/:id/berita-acara.pdf',
    serve(RECORD_FILES.beritaAcara, 'application/pdf', (id) => `inline; filename="berita-acara-${id}.pdf"`),
  );
  router.get(
    '/api/ceremonies/:id/record.zip',
    serve(RECORD_FILES.zip, 'application/zip', (id) => `attachment; filename="saksi-${id}-record.zip"`),
  );
  return router;
}
