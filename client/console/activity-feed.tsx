import type { TimeZoneName, Wave } from '../../shared/domain/types';
import type { ActivityItem } from '../../shared/protocol/views';
import { formatLocalTime } from '../../shared/format/time';
import type { CeremonyIndex } from '../lib/ceremony-index';
import type { MessageKey } from '../ui/i18n';
import { useI18n } from '../ui/i18n-context';
import { wavesLabel } from './wave-panel';

const SHOWN = 30;

export function ActivityFeed({ items, index, zone, waves }: { items: ActivityItem[]; index: CeremonyIndex; zone: TimeZoneName; waves: Wave[] }) {
  const { t } = useI18n();
  const latest = items.slice(-SHOWN).reverse();
  return (
    <section className="panel activity-feed" aria-labelledby="activity-title">
      <h2 id="activity-title" className="panel__title">{t('console.activity')}</h2>
      {latest.length === 0 ? <p className="panel__empty">{t('console.noActivity')}</p> : null}
      <ol className="plain-list activity-list">
        {latest.map((item) => {
          // Agreement numbers, not titles: many agreements share a title.
          const ids = item.agreementIds ?? (item.agreementId ? [item.agreementId] : []);
          const wave = item.waveId ? waves.find((w) => w.id === item.waveId) : undefined;
          const text = t(`activity.${item.type}` as MessageKey, {
            room: item.roomId ? index.rooms.get(item.roomId)?.name ?? item.roomId : '',
            party: item.partyId ? index.parties.get(item.partyId)?.name ?? item.partyId : '',
            agreements: ids.length > 4 ? `${ids.slice(0, 4).join(', ')} +${ids.length - 4}` : ids.join(', '),
            wave: wave ? wavesLabel(wave, t) : '',
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
