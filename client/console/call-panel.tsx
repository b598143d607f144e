// Choose what to call: one agreement, a selection, or everything a filter shows (a wave by
// province or by company).
import { useId, useMemo, useState } from 'react';
import type { Agreement, CeremonyPhase } from '../../shared/domain/types';
import { formatRupiah } from '../../shared/format/rupiah';
import { partySignedCount, type CeremonyIndex } from '../lib/ceremony-index';
import { useI18n } from '../ui/i18n-context';
import { StatusBadge } from '../ui/status-badge';
import { companyOptions, filterAgreements, isCallable, NO_FILTERS, provinceOptions, waveCandidates, type AgreementFilters, type StatusFilter } from './call-planning';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

export function CallPanel({ agreements, index, phase, actions }: { agreements: Agreement[]; index: CeremonyIndex; phase: CeremonyPhase; actions: ConsoleActions }) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<AgreementFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<string[]>([]);
  const { pending, error, run } = useActionRunner();
  const ids = { province: useId(), company: useId(), status: useId() };
  const provinces = useMemo(() => provinceOptions(index), [index]);
  const companies = useMemo(() => companyOptions(index), [index]);
  const shown = filterAgreements(agreements, index, filters);
  const wave = waveCandidates(shown);
  const canCall = phase === 'signing' && !pending;
  // Selections of agreements that were signed meanwhile are dropped silently.
  const selectedCallable = selected.filter((id) => {
    const a = index.agreements.get(id);
    return a ? isCallable(a) : false;
  });

  async function call(agreementIds: string[]) {
    const result = await run('call', () => actions.call(agreementIds));
    if (result) setSelected((s) => s.filter((id) => !agreementIds.includes(id)));
  }

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const shownCallable = shown.filter(isCallable).map((a) => a.id);
  const allShownSelected = shownCallable.length > 0 && shownCallable.every((id) => selected.includes(id));

  return (
    <section className="panel call-panel" aria-labelledby="call-title">
      <h2 id="call-title" className="panel__title">{t('console.agreements')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor={ids.province}>{t('console.filterProvince')}</label>
          <select id={ids.province} className="input" value={filters.province} onChange={(e) => setFilters({ ...filters, province: e.target.value })}>
            <option value="">{t('console.all')}</option>
            {provinces.map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.company}>{t('console.filterCompany')}</label>
          <select id={ids.company} className="input" value={filters.companyId} onChange={(e) => setFilters({ ...filters, companyId: e.target.value })}>
            <option value="">{t('console.all')}</option>
            {companies.map((c) => (
              <option key={c.id} value={c.id}>{c.name} ({c.kind})</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('console.filterStatus')}</label>
          <select id={ids.status} className="input" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as StatusFilter })}>
            <option value="open">{`${t('status.pending')} + ${t('status.called')}`}</option>
            <option value="pending">{t('status.pending')}</option>
            <option value="called">{t('status.called')}</option>
            <option value="done">{t('status.signed')}</option>
            <option value="all">{t('console.all')}</option>
          </select>
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={!canCall || wave.length === 0} onClick={() => void call(wave)}>
          {t('console.callShown', { n: wave.length })}
        </button>
        <button type="button" className="button button--secondary" disabled={!canCall || selectedCallable.length === 0} onClick={() => void call(selectedCallable)}>
          {t('console.callSelected', { n: selectedCallable.length })}
        </button>
      </div>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <table className="table agreements-table">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t('console.selectShown')}
                checked={allShownSelected}
                disabled={shownCallable.length === 0}
                onChange={() => setSelected(allShownSelected ? selected.filter((id) => !shownCallable.includes(id)) : [...new Set([...selected, ...shownCallable])])}
              />
            </th>
            <th scope="col">{t('console.agreements')}</th>
            <th scope="col" className="num">{t('room.value')}</th>
            <th scope="col">{t('console.filterStatus')}</th>
            <th scope="col"><span className="visually-hidden">{t('console.call')}</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.id} data-agreement={a.id} data-status={a.status}>
              <td>
                <input type="checkbox" aria-label={t('console.select', { title: a.title })} checked={selected.includes(a.id)} disabled={!isCallable(a)} onChange={() => toggle(a.id)} />
              </td>
              <td>
                <span className="cell-title">{a.title}</span>
                <span className="cell-sub">{a.parties.map((id) => index.parties.get(id)?.name ?? id).join(' · ')}</span>
              </td>
              <td className="num">{formatRupiah(a.valueIdr)}</td>
              <td>
                <StatusBadge status={a.status} />
                <span className="cell-sub">{t('console.partiesSigned', { signed: partySignedCount(a), total: a.parties.length })}</span>
              </td>
              <td>
                {a.status === 'pending' ? (
                  <button type="button" className="button button--small" disabled={!canCall} onClick={() => void call([a.id])} aria-label={`${t('console.call')}: ${a.title}`}>
                    {t('console.call')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
