// Agreement PDFs: the original until the agreement is stamped, then the final document. The bytes
// are checked against the SHA-256 the audit chain recorded before they are sent: a document
// altered in storage is answered 500 DOCUMENT_INTEGRITY, never served with a hash it does not have.
import { Router, type Request, type Response } from 'express';
import type { DocumentIntegrity } from '../ceremony/document-integrity';
import type { CeremonyStore } from '../persistence/store-contract';
import { sendError } from './http-errors';

export function documentRoutes(deps: { store: CeremonyStore; integrity: DocumentIntegrity }): Router {
  const router = Router();
  router.get('/api/agreements/:id/document', (req, res, next) => {
    serve(req, res).catch(next);
  });
  async function serve(req: Request, res: Response): Promise<void> {
    const agreementId = req.params.id;
    const asked = typeof req.query.ceremony === 'string' ? req.query.ceremony : undefined;
    const holders = await deps.store.findAgreementCeremonies(agreementId);
    // Agreement ids are unique within a ceremony; without ?ceremony= the id must be unambiguous.
    const ceremonyId = asked ?? (holders.length === 1 ? holders[0] : undefined);
    if (!asked && holders.length > 1) {
      return sendError(res, 'INVALID_PAYLOAD', [`agreement ${agreementId} exists in several ceremonies; add ?ceremony=<id>`]);
    }
    const checked = ceremonyId ? await deps.integrity.check(ceremonyId, agreementId) : undefined;
    if (!checked) return sendError(res, 'AGREEMENT_NOT_FOUND');
    if (!checked.ok) return sendError(res, 'DOCUMENT_INTEGRITY');
    const { doc } = checked;
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${agreementId}${doc.final ? '' : '-draft'}.pdf"`,
      'X-Document-Sha256': doc.sha256,
      'X-Document-Final': doc.final ? 'true' : 'false',
      'Cache-Control': 'no-store',
    });
    res.end(Buffer.from(doc.pdf));
  }
  return router;
}
