// Public verification: pages under /verify (the QR codes on stamped pages point here) and
// POST /api/verify for programs. No credential: anyone holding a document may check it.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app';
import type { SealIdentity } from '../documents/certificates';
import { verifySealedPdf } from '../documents/verify';
import { links } from '../ceremony/links';
import { sendError } from './http-errors';
import { ERRORS } from '../../shared/errors';
import { readUploadBody, extractUpload } from './verify-upload';
import {
  BERITA_ACARA_FILE,
  ceremonyRef,
  describeAgreement,
  describeSeal,
  verifyUpload,
} from './verify-report';
import { pageLang } from './verify-html';
import { renderAgreementPage, renderCeremonyPage, renderNotFoundPage, renderReportPage, renderUploadPage } from './verify-page';

// Pages carry inline CSS only: nothing may load from elsewhere, and forms post back here.
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function sendPage(res: Response, status: number, body: string): void {
  res.status(status).set(PAGE_HEADERS).send(body);
}

export function verifyRoutes(ctx: AppContext, seal: SealIdentity): Router {
  const router = Router();
  const upload = readUploadBody();

  router.get('/verify', (req, res) => sendPage(res, 200, renderUploadPage(undefined, pageLang(req.query.lang))));

  router.post('/api/verify', upload, async (req: Request, res: Response, next) => {
    try {
      const file = extractUpload(req, res);
      if (!file.ok) return sendError(res, file.code, [file.detail]);
      res.set('Cache-Control', 'no-store').json(await verifyUpload(ctx, seal, file.bytes));
    } catch (error) {
      next(error);
    }
  });

  // The page's form posts here, so verification works without JavaScript.
  router.post('/verify', upload, async (req: Request, res: Response, next) => {
    try {
      const file = extractUpload(req, res);
      const lang = pageLang(req.query.lang);
      if (!file.ok) return sendPage(res, ERRORS[file.code].status, renderUploadPage(ERRORS[file.code], lang));
      sendPage(res, 200, renderReportPage(await verifyUpload(ctx, seal, file.bytes), lang));
    } catch (error) {
      next(error);
    }
  });

  router.get('/verify/:ceremonyId', (req, res) => {
    const state = ctx.service.get(req.params.ceremonyId);
    const ref = ceremonyRef(ctx, req.params.ceremonyId);
    if (!state || !ref) return sendPage(res, 404, renderNotFoundPage(ERRORS.CEREMONY_NOT_FOUND, pageLang(req.query.lang)));
    const { ceremony } = state;
    const stage = ceremony.rooms.find((r) => r.isStage) ?? ceremony.rooms[0];
    const head = ctx.store.auditHead(ceremony.id);
    const beritaAcara = ctx.store.getRecordFile(ceremony.id, BERITA_ACARA_FILE);
    const base = ctx.baseUrl();
    sendPage(
      res,
      200,
      renderCeremonyPage({
        ceremony: ref,
        zone: stage?.timezone ?? 'WIB',
        agreements: ceremony.agreements.map((a) => ({
          id: a.id,
          title: a.title,
          valueIdr: a.valueIdr,
          status: a.status,
          verifyUrl: links.verifyAgreement(base, ceremony.id, a.id),
        })),
        signedValueIdr: state.tally.valueSignedIdr,
        totalValueIdr: state.tally.valueTotalIdr,
        auditHeadHash: head.hash,
        auditEvents: head.n,
        ...(beritaAcara
          ? { beritaAcara: { url: `${base}/api/ceremonies/${encodeURIComponent(ceremony.id)}/berita-acara.pdf`, sha256: beritaAcara.sha256 } }
          : {}),
      }, pageLang(req.query.lang)),
    );
  });

  router.get('/verify/:ceremonyId/:agreementId', async (req, res, next) => {
    try {
      const { ceremonyId, agreementId } = req.params;
      const agreement = describeAgreement(ctx, ceremonyId, agreementId);
      if (!agreement) return sendPage(res, 404, renderNotFoundPage(ERRORS.AGREEMENT_NOT_FOUND, pageLang(req.query.lang)));
      const doc = ctx.store.getDocument(ceremonyId, agreementId);
      // The held copy's seal is checked on every view: the page reports the file, not a flag.
      const sealView = doc?.final ? describeSeal(await verifySealedPdf(doc.pdf, seal), seal) : undefined;
      sendPage(res, 200, renderAgreementPage(agreement, ceremonyRef(ctx, ceremonyId), sealView, pageLang(req.query.lang)));
    } catch (error) {
      next(error);
    }
  });

  return router;
}
