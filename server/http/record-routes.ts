// Placeholder: replaced by the ceremony record work (issue: trustworthy agreements).
import { Router } from 'express';
import type { AppContext } from '../app';
import type { SealIdentity } from '../documents/certificates';

export function recordRoutes(_ctx: AppContext, _seal: SealIdentity): Router {
  return Router();
}
