// Agreement PDFs: the original until the agreement is stamped, then the final document.
import { Router } from 'express';
import type { CeremonyStore } from '../persistence/store';
import { sendError } from './http-errors';

export function documentRoutes(deps: { store: CeremonyStore }): Router {
  const router = Router();
  router.get('/api/agreements/:id/document', (req, res) => {
    const agreementId = req.params.id;
    const asked = typeof req.query.ceremony === 'string' ? req.query.ceremony : undefined;
    const holders = deps.store.findAgreementCeremonies(agreementId);
    // Agreement ids are unique within a ceremony; without ?ceremony= the id must be unambiguous.
    const ceremonyId = asked ?? (holders.length === 1 ? holders[0] : undefined);
    if (!asked && holders.length > 1) {
      return sendError(res, 'INVALID_PAYLOAD', [`agreement ${agreementId} exists in several ceremonies; add ?ceremony=<id>`]);
    }
    const doc = ceremonyId ? deps.store.getDocument(ceremonyId, agreementId) : undefined;
    if (!doc) return sendError(res, 'AGREEMENT_NOT_FOUND');
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${agreementId}${doc.final ? '' : '-draft'}.pdf"`,
      'X-Document-Sha256': doc.sha256,
      'X-Document-Final': doc.final ? 'true' : 'false',
      'Cache-Control': 'no-store',
    });
    res.end(Buffer.from(doc.pdf));
  });
  return router;
}
