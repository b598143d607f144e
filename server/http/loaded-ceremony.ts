// Routes about one ceremony (`:id` in the path): the ceremony is loaded (or reloaded, when another
// node changed it) before the handler runs; an unknown id is answered 404 CEREMONY_NOT_FOUND.
import type { NextFunction, Request, Response } from 'express';
import type { CeremonyService } from '../ceremony/ceremony-service';
import type { CeremonyState } from '../domain/state';
import { sendError } from './http-errors';

export function loaded(
  service: CeremonyService,
  handler: (state: CeremonyState, req: Request, res: Response, next: NextFunction) => void | Promise<void>,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    service
      .ensure(String(req.params.id))
      .then((state) => (state ? handler(state, req, res, next) : sendError(res, 'CEREMONY_NOT_FOUND')))
      .catch(next);
  };
}
