import type { TimeZoneName } from '../../shared/domain/types';
import type { ActivityItem } from '../../shared/protocol/views';
import { formatLocalTime } from '../../shared/format/time';
import type { CeremonyIndex } from '../lib/ceremony-index';
import type { MessageKey } from '../ui/i18n';
import { useI18n } from '../ui/i18n-context';

const SHOWN = 30;

export function ActivityFeed({ items, index, zone }: { items: ActivityItem[]; index: CeremonyIndex; zone: TimeZoneName }) {
  const { t } = useI18n();
  const latest = items.slice(-SHOWN).reverse();
  return (
    <section className="panel activity-feed" aria-labelledby="activity-title">
      <h2 id="activity-title" className="panel__title">{t('console.activity')}</h2>
      {latest.length === 0 ? <p className="panel__empty">{t('console.noActivity')}</p> : null}
      <ol className="plain-list activity-list">
        {latest.map((item) => {
          const ids = item.agreementIds ?? (item.agreementId ? [item.agreementId] : []);
          const titles = ids.map((id) => index.agreements.get(id)?.title ?? id);
          const text = t(`activity.${item.type}` as MessageKey, {
            room: item.roomId ? index.rooms.get(item.roomId)?.name ?? item.roomId : '',
            party: item.partyId ? index.parties.get(item.partyId)?.name ?? item.partyId : '',
            agreements: titles.length > 3 ? `${titles.slice(0, 3).join(', ')} +${titles.length - 3}` : titles.join(', '),
          });
          return (
            <li key={item.seq} className={`activity-list__item activity-list__item--${item.type.replace('.', '-')}`}>
              <time dateTime={item.at}>{formatLocalTime(item.at, zone, true)}</time>
              <span>{text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
