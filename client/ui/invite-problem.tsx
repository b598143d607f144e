// A refused link, told plainly: which problem it is, what to do, whom to call (the organizers'
// contact from the roster) and where the public tally is, in Bahasa Indonesia and English.
import { useEffect, useState } from 'react';
import type { OrganizerContact } from '../../shared/domain/types';
import type { ConnectionProblem } from '../lib/ceremony-client';
import type { MessageKey } from './i18n';
import { useI18n } from './i18n-context';

const KNOWN = ['INVITE_MALFORMED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'CEREMONY_NOT_FOUND', 'FORBIDDEN'] as const;

export function InviteProblem({ problem, ceremonyId }: { problem: ConnectionProblem; ceremonyId: string }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<{ title: string; contact?: OrganizerContact }>();
  const code = (KNOWN as readonly string[]).includes(problem.code) ? problem.code : 'UNAUTHENTICATED';
  const exists = code !== 'CEREMONY_NOT_FOUND';
  useEffect(() => {
    if (!exists) return undefined;
    const abort = new AbortController();
    fetch(`/api/ceremonies/${encodeURIComponent(ceremonyId)}/contact`, { signal: abort.signal })
      .then((res) => (res.ok ? res.json() : undefined))
      .then((body) => body && setInfo(body))
      .catch(() => {});
    return () => abort.abort();
  }, [ceremonyId, exists]);
  const contact = info?.contact;
  return (
    <div className="invite-problem" role="alert" data-testid="invite-problem" data-code={code}>
      <h1 className="invite-problem__title">{t(`invite.${code}.title` as MessageKey)}</h1>
      {info?.title ? <p className="cell-sub">{info.title}</p> : null}
      <p>{t(`invite.${code}.what` as MessageKey)}</p>
      {contact ? (
        <p className="invite-problem__contact" data-testid="invite-contact">
          {t('invite.contact')}: <strong>{contact.name}</strong>
          {contact.phone ? <> · <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a></> : null}
          {contact.email ? <> · <a href={`mailto:${contact.email}`}>{contact.email}</a></> : null}
        </p>
      ) : null}
      {exists ? (
        <p>
          <a href={`/tally/${encodeURIComponent(ceremonyId)}`}>{t('invite.tally')}</a>
        </p>
      ) : null}
    </div>
  );
}
