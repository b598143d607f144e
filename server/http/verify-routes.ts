// Placeholder: replaced by the verification work (issue: trustworthy agreements).
import { Router } from 'express';
import type { AppContext } from '../app';
import type { SealIdentity } from '../documents/certificates';

export function verifyRoutes(_ctx: AppContext, _seal: SealIdentity): Router {
  return Router();
}
