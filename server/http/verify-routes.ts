// Public verification: pages under /verify (the QR codes on stamped pages point here) and
// POST /api/verify for programs. No credential: anyone holding a document may check it.
// Uploaded bytes are parsed only in the verification workers (time, memory and inflate limits):
// a place is reserved before the body is read, a full queue is answered 503 BUSY with
// Retry-After at once, and what a worker cannot finish is answered 422 TOO_COMPLEX.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app';
import type { SealIdentity } from '../documents/certificates';
import type { PdfCheckResult, PdfVerifier, VerifyTicket } from '../workers/pdf-verifier';
import { links } from '../ceremony/links';
import { sendError } from './http-errors';
import { ERRORS, type ErrorCode } from '../../shared/errors';
import { readUploadBody, extractUpload } from './verify-upload';
import {
  BERITA_ACARA_FILE,
  ceremonyRef,
  describeAgreement,
  describeSeal,
  verifyUpload,
  type SealView,
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

export function verifyRoutes(ctx: AppContext, seal: SealIdentity, verifier: PdfVerifier): Router {
  const router = Router();
  const upload = readUploadBody();

  /** Holds a place for the upload before its body is read; refuses at once when there is none. */
  const admit = (answer: (res: Response, code: ErrorCode) => void) => (req: Request, res: Response, next: () => void) => {
    const ticket = verifier.reserve();
    if (!ticket) {
      // The body is read and dropped (nothing is kept), so every client can read the answer.
      res.set('Retry-After', String(verifier.retryAfterSeconds));
      req.on('end', () => answer(res, 'BUSY'));
      req.resume();
      return;
    }
    res.locals.verifyTicket = ticket;
    res.on('close', () => ticket.release());
    next();
  };
  const checkUpload = async (req: Request, res: Response): Promise<{ code: ErrorCode; detail: string } | { checked: Extract<PdfCheckResult, { ok: true }>['check'] }> => {
    const ticket = res.locals.verifyTicket as VerifyTicket;
    const file = extractUpload(req, res);
    if (!file.ok) {
      ticket.release();
      return { code: file.code, detail: file.detail };
    }
    const result = await verifier.check(ticket, file.bytes);
    if (!result.ok) {
      if (result.code === 'BUSY') res.set('Retry-After', String(verifier.retryAfterSeconds));
      return { code: result.code, detail: result.detail };
    }
    return { checked: result.check };
  };

  router.get('/verify', (req, res) => sendPage(res, 200, renderUploadPage(undefined, pageLang(req.query.lang))));

  router.post('/api/verify', admit((res, code) => sendError(res, code)), upload, async (req: Request, res: Response, next) => {
    try {
      const outcome = await checkUpload(req, res);
      if ('code' in outcome) return sendError(res, outcome.code, [outcome.detail]);
      res.set('Cache-Control', 'no-store').json(await verifyUpload(ctx, seal, outcome.checked));
    } catch (error) {
      next(error);
    }
  });

  // The page's form posts here, so verification works without JavaScript.
  const page = (res: Response, code: ErrorCode) => sendPage(res, ERRORS[code].status, renderUploadPage(ERRORS[code]));
  router.post('/verify', admit(page), upload, async (req: Request, res: Response, next) => {
    try {
      const outcome = await checkUpload(req, res);
      const lang = pageLang(req.query.lang);
      if ('code' in outcome) return sendPage(res, ERRORS[outcome.code].status, renderUploadPage(ERRORS[outcome.code], lang));
      sendPage(res, 200, renderReportPage(await verifyUpload(ctx, seal, outcome.checked), lang));
    } catch (error) {
      next(error);
    }
  });

  router.get('/verify/:ceremonyId', (req, res, next) => {
    ceremonyPage(req, res).catch(next);
  });
  async function ceremonyPage(req: Request, res: Response): Promise<void> {
    const state = await ctx.service.ensure(req.params.ceremonyId);
    const ref = await ceremonyRef(ctx, req.params.ceremonyId);
    if (!state || !ref) return sendPage(res, 404, renderNotFoundPage(ERRORS.CEREMONY_NOT_FOUND, pageLang(req.query.lang)));
    const { ceremony } = state;
    const stage = ceremony.rooms.find((r) => r.isStage) ?? ceremony.rooms[0];
    const head = await ctx.store.auditHead(ceremony.id);
    const beritaAcara = await ctx.store.getRecordFile(ceremony.id, BERITA_ACARA_FILE);
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
  }

  router.get('/verify/:ceremonyId/:agreementId', async (req, res, next) => {
    try {
      const { ceremonyId, agreementId } = req.params;
      const agreement = await describeAgreement(ctx, ceremonyId, agreementId);
      if (!agreement) return sendPage(res, 404, renderNotFoundPage(ERRORS.AGREEMENT_NOT_FOUND, pageLang(req.query.lang)));
      const checked = await ctx.integrity.check(ceremonyId, agreementId);
      let sealView: SealView | undefined;
      if (checked && !checked.ok) {
        // Bytes that are not the ones the audit chain recorded are not vouched for, whatever seal they carry.
        sealView = integrityFailureView();
      } else if (checked?.doc.final) {
        // The held copy's seal is checked (once per SHA-256, in a worker): the page reports the file, not a flag.
        const result = await verifier.checkHeld(checked.doc.sha256, checked.doc.pdf);
        if (!result.ok) return sendPage(res, ERRORS.BUSY.status, renderNotFoundPage(ERRORS.BUSY, pageLang(req.query.lang)));
        sealView = describeSeal(result.check.seal, seal);
      }
      sendPage(res, checked && !checked.ok ? ERRORS.DOCUMENT_INTEGRITY.status : 200, renderAgreementPage(agreement, await ceremonyRef(ctx, ceremonyId), sealView, pageLang(req.query.lang)));
    } catch (error) {
      next(error);
    }
  });

  return router;
}

function integrityFailureView(): SealView {
  return {
    present: true,
    valid: false,
    coversWholeDocument: false,
    signedByPlatform: false,
    problem: 'DOCUMENT_INTEGRITY',
    trust: { id: ERRORS.DOCUMENT_INTEGRITY.id, en: ERRORS.DOCUMENT_INTEGRITY.en },
  };
}
