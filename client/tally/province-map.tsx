// A map of Indonesia by province, shaded by value signed, with a legend; the list below it holds
// the same figures (and is what a screen reader reads). Tapping a province on either shows its
// agreements signed and value.
import { useMemo, useState } from 'react';
import type { ProvinceTally } from '../../shared/domain/types';
import { formatRupiah, formatRupiahShort, formatShare } from '../../shared/format/rupiah';
import { MAP_HEIGHT, MAP_WIDTH, PROVINCE_SHAPES } from './map/province-shapes';
import { groupByShape, levelBounds, shadeLevel, type ShapeTally } from './map/province-groups';
import { matchProvince } from './map/province-names';
import { useTallyText } from './tally-text';

const SHAPE_NAMES = new Map(PROVINCE_SHAPES.map((s) => [s.iso, s.name]));

export function ProvinceMap({ provinces }: { provinces: ProvinceTally[] }) {
  const { tt, lang } = useTallyText();
  const [selected, setSelected] = useState<string>();
  const { byShape, unmatched } = useMemo(() => groupByShape(provinces), [provinces]);
  const bounds = useMemo(() => levelBounds(byShape.values()), [byShape]);
  const sorted = useMemo(
    () => [...provinces].sort((a, b) => b.valueSignedIdr - a.valueSignedIdr || b.valueTotalIdr - a.valueTotalIdr || a.province.localeCompare(b.province, 'id')),
    [provinces],
  );
  const selectedIso = selected ? matchProvince(selected)?.iso : undefined;
  const selectedShape = selectedIso ? byShape.get(selectedIso) : undefined;

  const line = (p: ProvinceTally) =>
    tt('provinceLine', { signed: p.agreementsSigned, total: p.agreementsTotal, share: formatShare(p.valueSignedIdr, p.valueTotalIdr, lang) });

  return (
    <section className="panel province-map" aria-labelledby="map-title">
      <h2 id="map-title" className="panel__title">{tt('mapTitle')}</h2>
      <div className="pmap">
        <svg className="pmap__svg" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-label={tt('mapLabel')} data-testid="province-map">
          {PROVINCE_SHAPES.map((shape) => {
            const tally = byShape.get(shape.iso);
            const level = shadeLevel(tally, bounds);
            return (
              <path
                key={shape.iso}
                d={shape.d}
                className={`pmap__shape pmap__shape--${level < 0 ? 'none' : level}${shape.iso === selectedIso ? ' pmap__shape--selected' : ''}`}
                data-shape={shape.iso}
                data-level={level}
                onClick={tally ? () => setSelected(tally.provinces[0]?.province) : undefined}
              >
                <title>{tally ? `${tally.provinces.map((p) => p.province).join(', ')}: ${formatRupiahShort(tally.valueSignedIdr, lang)}` : shape.name}</title>
              </path>
            );
          })}
        </svg>
        <Legend bounds={bounds} />
      </div>
      {selectedShape ? <ProvinceDetail shape={selectedShape} onClose={() => setSelected(undefined)} /> : <p className="pmap__hint">{tt('selectHint')}</p>}
      <h3 className="pmap__list-title">{tt('listTitle')}</h3>
      <ul className="plain-list pmap__list">
        {sorted.map((p) => {
          const match = matchProvince(p.province);
          return (
            <li key={p.province} data-province={p.province}>
              <button type="button" className="pmap__row" aria-pressed={selected === p.province} onClick={() => setSelected(selected === p.province ? undefined : p.province)}>
                <span className="pmap__name">{p.province}</span>
                <span className="pmap__value">{formatRupiahShort(p.valueSignedIdr, lang)}</span>
                <span className="pmap__line">{line(p)}</span>
                {match?.drawnInside ? <span className="pmap__note">{tt('drawnInside', { shape: SHAPE_NAMES.get(match.iso) ?? match.iso })}</span> : null}
                {!match ? <span className="pmap__note">{tt('notOnMap')}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      {unmatched.length ? <p className="pmap__note">{tt('notOnMap')} {unmatched.map((p) => p.province).join(', ')}</p> : null}
      <p className="pmap__credit">{tt('mapCredit')}</p>
    </section>
  );
}

function Legend({ bounds }: { bounds: number[] }) {
  const { tt, lang } = useTallyText();
  return (
    <div className="pmap__legend" aria-hidden="true">
      <p className="pmap__legend-title">{tt('legendTitle')}</p>
      <ul className="plain-list pmap__legend-list">
        <li><span className="pmap__swatch pmap__shape--none" />{tt('legendNone')}</li>
        <li><span className="pmap__swatch pmap__shape--0" />{tt('legendZero')}</li>
        {bounds.map((b, i) => (
          <li key={b}><span className={`pmap__swatch pmap__shape--${i + 1}`} />{tt('legendUpTo', { value: formatRupiahShort(b, lang) })}</li>
        ))}
      </ul>
    </div>
  );
}

function ProvinceDetail({ shape, onClose }: { shape: ShapeTally; onClose(): void }) {
  const { tt, lang } = useTallyText();
  return (
    <div className="pmap__detail" role="status" data-testid="province-detail">
      {shape.provinces.map((p) => (
        <div key={p.province}>
          <p className="pmap__detail-name">{p.province}</p>
          <p>{tt('provinceLine', { signed: p.agreementsSigned, total: p.agreementsTotal, share: formatShare(p.valueSignedIdr, p.valueTotalIdr, lang) })}</p>
          <p className="pmap__detail-value">
            <strong>{formatRupiahShort(p.valueSignedIdr, lang)}</strong> · {formatRupiah(p.valueSignedIdr)}
          </p>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={onClose}>{tt('close')}</button>
    </div>
  );
}
