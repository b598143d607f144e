import type { LatestSigning } from '../../shared/domain/types';
import { formatRupiah, formatRupiahShort } from '../../shared/format/rupiah';
import { formatLocalTime } from '../../shared/format/time';
import { useI18n } from '../ui/i18n-context';

export function LatestTicker({ signings }: { signings: LatestSigning[] }) {
  const { t, lang } = useI18n();
  return (
    <section className="panel ticker" aria-labelledby="ticker-title">
      <h2 id="ticker-title" className="panel__title">{t('tally.latest')}</h2>
      {signings.length === 0 ? <p className="panel__empty">{t('tally.noneYet')}</p> : null}
      <ol className="plain-list ticker__list">
        {signings.map((s) => (
          <li key={`${s.agreementId}:${s.signedAt}`} className="ticker__item" data-agreement={s.agreementId}>
            <time className="ticker__time" dateTime={s.signedAt}>{formatLocalTime(s.signedAt, s.timezone)}</time>
            <span className="ticker__what">
              <strong>{s.partyNames.join(' – ')}</strong>
              <span className="ticker__where">
                {s.roomName}, {s.province}
              </span>
            </span>
            <span className="ticker__value">
              {formatRupiahShort(s.valueIdr, lang)}
              <span className="ticker__exact">{formatRupiah(s.valueIdr)}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
