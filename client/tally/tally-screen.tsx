// The public tally: big counters legible from the back of a hall, and usable on a phone.
import { useState, type ReactNode } from 'react';
import { PARTY_KINDS, type Tally } from '../../shared/domain/types';
import { formatRupiah, formatRupiahShort } from '../../shared/format/rupiah';
import { formatLocalTime } from '../../shared/format/time';
import { useI18n } from '../ui/i18n-context';
import { kindKey, type MessageKey } from '../ui/i18n';
import { ScreenHeader } from '../ui/screen-header';
import { PhaseBadge } from '../ui/status-badge';
import { LatestTicker } from './latest-ticker';
import { ProvinceChart } from './province-chart';

export interface TallyScreenProps {
  title: string;
  tally: Tally;
  banner?: ReactNode;
  /** The optional stage panel; rendered only after the viewer asks for it. */
  renderStage?: () => ReactNode;
}

export function TallyScreen({ title, tally, banner, renderStage }: TallyScreenProps) {
  const { t, lang } = useI18n();
  const [watching, setWatching] = useState(false);
  const share = tally.valueTotalIdr ? tally.valueSignedIdr / tally.valueTotalIdr : 0;
  return (
    <div className="screen screen--tally" data-phase={tally.phase}>
      <ScreenHeader eyebrow={t('tally.title')} title={title} aside={<PhaseBadge phase={tally.phase} />} />
      {banner}
      <main className="tally-layout">
        <section className="headline" aria-live="polite" aria-atomic="true">
          <div className="counter counter--agreements">
            <h2 className="counter__label">{t('tally.agreements')}</h2>
            <p className="counter__figure" data-testid="tally-agreements">
              <span className="counter__big">{tally.agreementsSigned}</span>
              <span className="counter__of">
                {' '}{t('tally.of')} {tally.agreementsTotal}
              </span>
            </p>
            <div className="meter" aria-hidden="true">
              <span className="meter__fill" style={{ width: `${tally.agreementsTotal ? (tally.agreementsSigned / tally.agreementsTotal) * 100 : 0}%` }} />
            </div>
            <p className="counter__exact">
              {t('tally.stamped', { n: tally.agreementsStamped })}
            </p>
          </div>
          <div className="counter counter--value">
            <h2 className="counter__label">{t('tally.value')}</h2>
            <p className="counter__figure" data-testid="tally-value">
              <span className="counter__big">{formatRupiahShort(tally.valueSignedIdr, lang)}</span>
              <span className="counter__of">
                {' '}{t('tally.of')} {formatRupiahShort(tally.valueTotalIdr, lang)}
              </span>
            </p>
            <div
              className="meter"
              role="progressbar"
              aria-label={t('tally.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(share * 100)}
              aria-valuetext={t('tally.valueOf', { signed: formatRupiah(tally.valueSignedIdr), total: formatRupiah(tally.valueTotalIdr) })}
            >
              <span className="meter__fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
            </div>
            <p className="counter__exact" data-testid="tally-value-exact">
              {formatRupiah(tally.valueSignedIdr)} · {Math.floor(share * 100)}%
            </p>
          </div>
        </section>
        <section className="panel kinds" aria-labelledby="kinds-title">
          <h2 id="kinds-title" className="panel__title">{t('tally.byKind')}</h2>
          <ul className="plain-list kinds__list">
            {PARTY_KINDS.map((kind) => (
              <li key={kind} className={`kinds__item kind-tone--${kind}`} data-kind={kind}>
                <span className="kinds__name">
                  {t(kindKey(kind))}
                  <span className="kinds__long">{t(`${kindKey(kind)}.long` as MessageKey)}</span>
                </span>
                <span className="kinds__count">
                  <strong>{tally.byKind[kind].signed}</strong>/{tally.byKind[kind].total}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <LatestTicker signings={tally.latestSignings} />
        <ProvinceChart provinces={tally.byProvince} />
        {renderStage ? (
          <section className="panel stage-panel">
            <button type="button" className="button button--secondary" aria-expanded={watching} onClick={() => setWatching((w) => !w)}>
              {watching ? t('tally.hideStage') : t('tally.watch')}
            </button>
            {watching ? renderStage() : null}
          </section>
        ) : null}
      </main>
      <footer className="tally-footer">
        {t('tally.updated', { time: formatLocalTime(tally.updatedAt, 'WIB', true) })} · {t('app.name')}
      </footer>
    </div>
  );
}
