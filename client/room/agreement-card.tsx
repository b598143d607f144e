import type { Agreement, TimeZoneName } from '../../shared/domain/types';
import { formatRupiah } from '../../shared/format/rupiah';
import { terbilangRupiah } from '../../shared/format/terbilang';
import { formatLocalTime } from '../../shared/format/time';
import type { CeremonyIndex } from '../lib/ceremony-index';
import { kindKey } from '../ui/i18n';
import { useI18n } from '../ui/i18n-context';
import { StatusBadge } from '../ui/status-badge';

/** Title, value (figures and words) and each party's signing state. */
export function AgreementSummary({ agreement, index, zone, roomId, hideTitle = false }: { agreement: Agreement; index: CeremonyIndex; zone: TimeZoneName; roomId?: string; hideTitle?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="agreement-summary">
      <div className="agreement-summary__head">
        {hideTitle ? null : (
          <h3 className="agreement-summary__title">
            <span className="agreement-number">{agreement.id}</span> {agreement.title}
          </h3>
        )}
        <StatusBadge status={agreement.status} />
      </div>
      <p className="agreement-summary__value">
        <span className="visually-hidden">{t('room.value')}: </span>
        <strong>{formatRupiah(agreement.valueIdr)}</strong>
        <span className="agreement-summary__words"> ({terbilangRupiah(agreement.valueIdr)})</span>
      </p>
      <ul className="party-list" aria-label={t('room.parties')}>
        {agreement.parties.map((partyId) => {
          const party = index.parties.get(partyId);
          const signature = agreement.signatures[partyId];
          const here = party?.room === roomId;
          return (
            <li key={partyId} className={`party-list__item${here ? ' party-list__item--here' : ''}`} data-signed={signature ? 'yes' : 'no'}>
              <span className={`kind-tag kind-tag--${party?.kind ?? 'UMKM'}`}>{party ? t(kindKey(party.kind)) : '?'}</span>
              <span className="party-list__name">
                {party?.name ?? partyId}
                <span className="party-list__rep">
                  {party ? `${party.representative.name}, ${party.representative.title}` : ''}
                  {party && index.rooms.get(party.room) ? ` · ${index.rooms.get(party.room)?.name}` : ''}
                </span>
              </span>
              <span className="party-list__state">
                {signature ? `✓ ${t('room.signedAt', { time: formatLocalTime(signature.signedAt, zone) })}` : t('room.waiting')}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
