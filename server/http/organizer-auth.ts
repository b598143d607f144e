import type { NextFunction, Request, Response } from 'express';
import { isOrganizerCredential } from '../security/invite-tokens';
import { sendError } from './http-errors';

export function requireOrganizer(organizerToken: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !isOrganizerCredential(organizerToken, match[1].trim())) return sendError(res, 'UNAUTHENTICATED');
    next();
  };
}
