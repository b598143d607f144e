// /api/ceremonies: list, one, tally, links, and import.
import { Router, json } from 'express';
import { hasSigned } from '../../shared/domain/own-keys';
import type { Agreement, Ceremony } from '../../shared/domain/types';
import type { CeremonyService } from '../ceremony/ceremony-service';
import { presenceList } from '../domain/state';
import { importRoster, type ImportDeps } from '../ceremony/import-ceremony';
import type { Invites } from '../ceremony/invites';
import type { CeremonyStore } from '../persistence/store-contract';
import { sendError } from './http-errors';
import { loaded } from './loaded-ceremony';
import { requireOrganizer } from './organizer-auth';

export interface CeremonyRoutesDeps extends ImportDeps {
  service: CeremonyService;
  store: CeremonyStore;
  invites: Invites;
  organizerToken: string;
  /** Called after a successful import (e.g. to resume work for it). */
  onImported?: (ceremony: Ceremony) => void;
}

function publicAgreement(a: Agreement) {
  return {
    id: a.id,
    title: a.title,
    parties: a.parties,
    valueIdr: a.valueIdr,
    status: a.status,
    signedParties: a.parties.filter((id) => hasSigned(a, id)),
    ...(a.calledAt ? { calledAt: a.calledAt } : {}),
    ...(a.signedAt ? { signedAt: a.signedAt } : {}),
    ...(a.stampedAt ? { stampedAt: a.stampedAt } : {}),
    ...(a.documentSha256 ? { documentSha256: a.documentSha256 } : {}),
  };
}

export function ceremonyRoutes(deps: CeremonyRoutesDeps): Router {
  const router = Router();
  const organizer = requireOrganizer(deps.organizerToken);

  router.get('/api/ceremonies', (_req, res, next) => {
    deps.store.listCeremonies().then((ceremonies) => res.json({ ceremonies }), next);
  });

  router.post('/api/ceremonies', organizer, json({ limit: '20mb' }), async (req, res, next) => {
    try {
      const result = await importRoster(deps, req.body);
      if (!result.ok) return sendError(res, result.error.code, result.error.details);
      deps.onImported?.(result.value);
      const c = result.value;
      const links = await deps.invites.ceremonyLinks(c.id);
      res.status(201).json({
        id: c.id,
        title: c.title,
        rooms: c.rooms.length,
        parties: c.parties.length,
        agreements: c.agreements.length,
        links,
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/api/ceremonies/:id', loaded(deps.service, (state, _req, res) => {
    const { ceremony } = state;
    res.json({
      id: ceremony.id,
      title: ceremony.title,
      startsAt: ceremony.startsAt,
      phase: ceremony.phase,
      createdAt: ceremony.createdAt,
      rooms: ceremony.rooms,
      parties: ceremony.parties,
      agreements: ceremony.agreements.map(publicAgreement),
      presence: presenceList(state),
    });
  }));

  // What an official whose link was refused needs: which ceremony, and whom to call. Public like
  // the tally; the contact is the organizers' help line, given in the roster for exactly this.
  router.get('/api/ceremonies/:id/contact', loaded(deps.service, ({ ceremony }, _req, res) => {
    res.json({ id: ceremony.id, title: ceremony.title, ...(ceremony.contact ? { contact: ceremony.contact } : {}) });
  }));

  router.get('/api/ceremonies/:id/tally', loaded(deps.service, (state, _req, res) => {
    res.json(state.tally);
  }));

  router.get('/api/ceremonies/:id/links', organizer, (req, res, next) => {
    deps.invites.ceremonyLinks(req.params.id).then((links) => {
      if (!links) return sendError(res, 'CEREMONY_NOT_FOUND');
      res.json(links);
    }, next);
  });

  return router;
}
