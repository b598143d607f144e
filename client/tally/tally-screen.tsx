// The public tally, phone first: every number names its unit, short amounts are exact or say so
// with the exact figure on the next line, and watching the stage puts it at the top.
import { useState, type ReactNode } from 'react';
import { PARTY_KINDS, type Tally } from '../../shared/domain/types';
import { formatRupiah, formatShare, shortRupiah } from '../../shared/format/rupiah';
import { formatLocalTime } from '../../shared/format/time';
import { useI18n } from '../ui/i18n-context';
import { kindKey, type MessageKey } from '../ui/i18n';
import { ScreenHeader } from '../ui/screen-header';
import { PhaseBadge } from '../ui/status-badge';
import { LatestTicker } from './latest-ticker';
import { PacePanel } from './pace-panel';
import { ProvinceMap } from './province-map';
import { ShareButton, useTallyTitle } from './share-bar';
import { unitKey, useTallyText } from './tally-text';
import './tally.css';

export interface TallyScreenProps {
  title: string;
  tally: Tally;
  banner?: ReactNode;
  /** Server clock minus this device's clock, for the pace's "now". */
  clockOffsetMs?: number;
  /** The optional stage panel; rendered only after the viewer asks for it. */
  renderStage?: () => ReactNode;
}

export function TallyScreen({ title, tally, banner, clockOffsetMs = 0, renderStage }: TallyScreenProps) {
  const { t } = useI18n();
  const { tt, lang } = useTallyText();
  const [watching, setWatching] = useState(false);
  useTallyTitle(title, tally);
  const signedShort = shortRupiah(tally.valueSignedIdr, lang);
  const totalShort = shortRupiah(tally.valueTotalIdr, lang);
  const share = formatShare(tally.valueSignedIdr, tally.valueTotalIdr, lang);
  const ratio = tally.valueTotalIdr ? tally.valueSignedIdr / tally.valueTotalIdr : 0;
  return (
    <div className="screen screen--tally" data-phase={tally.phase}>
      <ScreenHeader eyebrow={t('tally.title')} title={title} aside={<PhaseBadge phase={tally.phase} />} />
      {banner}
      <div className="tally-actions">
        {renderStage ? (
          <button type="button" className="button" aria-expanded={watching} aria-controls="tally-stage" onClick={() => setWatching((w) => !w)}>
            {watching ? tt('hideStage') : tt('watch')}
          </button>
        ) : null}
        <ShareButton title={title} tally={tally} />
      </div>
      <main className="tally-layout">
        {renderStage && watching ? (
          <section id="tally-stage" className="panel stage-panel stage-panel--top" aria-label={tt('watch')}>
            {renderStage()}
          </section>
        ) : null}
        <section className="headline" aria-live="polite" aria-atomic="true">
          <div className="counter counter--agreements">
            <h2 className="counter__label">{t('tally.agreements')}</h2>
            <p className="counter__figure" data-testid="tally-agreements">
              <span className="counter__big">{tally.agreementsSigned}</span>
              <span className="counter__of">
                {' '}{t('tally.of')} {tally.agreementsTotal} {tt('agreementsUnit')}
              </span>
            </p>
            <div className="meter" aria-hidden="true">
              <span className="meter__fill" style={{ width: `${tally.agreementsTotal ? (tally.agreementsSigned / tally.agreementsTotal) * 100 : 0}%` }} />
            </div>
            <p className="counter__exact">{t('tally.stamped', { n: tally.agreementsStamped })}</p>
          </div>
          <div className="counter counter--value">
            <h2 className="counter__label">{t('tally.value')}</h2>
            <p className="counter__figure" data-testid="tally-value">
              <span className="counter__big">{signedShort.text}</span>
              <span className="counter__of">
                {' '}{tt('valueOfTotal', { total: totalShort.text })}
              </span>
            </p>
            <div
              className="meter"
              role="progressbar"
              aria-label={t('tally.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.floor(ratio * 100)}
              aria-valuetext={t('tally.valueOf', { signed: formatRupiah(tally.valueSignedIdr), total: formatRupiah(tally.valueTotalIdr) })}
            >
              <span className="meter__fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
            </div>
            <p className="counter__exact" data-testid="tally-value-exact">
              {tt('exactLine', { signed: formatRupiah(tally.valueSignedIdr), total: formatRupiah(tally.valueTotalIdr), share })}
            </p>
          </div>
        </section>
        <PacePanel tally={tally} clockOffsetMs={clockOffsetMs} />
        <section className="panel kinds" aria-labelledby="kinds-title">
          <h2 id="kinds-title" className="panel__title">{tt('kindsTitle')}</h2>
          <ul className="plain-list kinds__list">
            {PARTY_KINDS.map((kind) => (
              <li key={kind} className={`kinds__item kind-tone--${kind}`} data-kind={kind}>
                <span className="kinds__name">
                  {t(kindKey(kind))}
                  <span className="kinds__long">{t(`${kindKey(kind)}.long` as MessageKey)}</span>
                </span>
                <span className="kinds__count">
                  {tt('countOf', { signed: tally.byKind[kind].signed, total: tally.byKind[kind].total, unit: tt(unitKey(kind)) })}
                </span>
              </li>
            ))}
          </ul>
          <p className="kinds__note">{tt('kindsNote')}</p>
        </section>
        <ProvinceMap provinces={tally.byProvince} />
        <LatestTicker signings={tally.latestSignings} />
      </main>
      <footer className="tally-footer">
        {t('tally.updated', { time: formatLocalTime(tally.updatedAt, 'WIB', true) })} · {t('app.name')}
      </footer>
    </div>
  );
}
