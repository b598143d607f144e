import type { ProvinceTally } from '../../shared/domain/types';
import { formatRupiahShort } from '../../shared/format/rupiah';
import { useI18n } from '../ui/i18n-context';

/** Horizontal bars: the signed share of each province's total value, largest provinces first. */
export function ProvinceChart({ provinces }: { provinces: ProvinceTally[] }) {
  const { t, lang } = useI18n();
  const sorted = [...provinces].sort((a, b) => b.valueTotalIdr - a.valueTotalIdr || a.province.localeCompare(b.province, 'id'));
  const max = Math.max(1, ...sorted.map((p) => p.valueTotalIdr));
  return (
    <section className="panel province-chart" aria-labelledby="province-title">
      <h2 id="province-title" className="panel__title">{t('tally.byProvince')}</h2>
      <ul className="plain-list bars">
        {sorted.map((p) => (
          <li key={p.province} className="bars__row" data-province={p.province}>
            <span className="bars__label">{p.province}</span>
            <span className="bars__track" aria-hidden="true" style={{ width: `${(p.valueTotalIdr / max) * 100}%` }}>
              <span className="bars__fill" style={{ width: `${p.valueTotalIdr ? (p.valueSignedIdr / p.valueTotalIdr) * 100 : 0}%` }} />
            </span>
            <span className="bars__value">
              {p.agreementsSigned}/{p.agreementsTotal} · {formatRupiahShort(p.valueSignedIdr, lang)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
