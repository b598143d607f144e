// Choosing what to call: search and filters (number, company, room, the tally's province, status)
// over a paged table, then a wave preview — how many agreements, their value, which rooms and how
// many are online — with a name, confirmed before anything is called.
import { memo, useCallback, useId, useMemo, useState } from 'react';
import type { Agreement, CeremonyPhase, Party, RoomPresence } from '../../shared/domain/types';
import { formatRupiah } from '../../shared/format/rupiah';
import { partySignedCount, type CeremonyIndex } from '../lib/ceremony-index';
import { useI18n } from '../ui/i18n-context';
import { StatusBadge } from '../ui/status-badge';
import { companyOptions, filterAgreements, isCallable, NO_FILTERS, previewWave, provinceOptions, waveCandidates, type AgreementFilters, type StatusFilter } from './call-planning';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

const PAGE_SIZE = 25;

interface Draft {
  agreementIds: string[];
  name: string;
}

export function CallPlanner(props: {
  agreements: Agreement[];
  index: CeremonyIndex;
  presence: Map<string, RoomPresence>;
  phase: CeremonyPhase;
  nextWaveNumber: number;
  actions: ConsoleActions;
}) {
  const { index } = props;
  const { t } = useI18n();
  const [filters, setFilters] = useState<AgreementFilters>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [draft, setDraft] = useState<Draft>();
  const { pending, error, run } = useActionRunner();
  const ids = { search: useId(), province: useId(), company: useId(), room: useId(), status: useId(), name: useId() };
  const provinces = useMemo(() => provinceOptions(index), [index.agreementProvince]); // eslint-disable-line react-hooks/exhaustive-deps
  const companies = useMemo(() => companyOptions(index), [index.parties]); // eslint-disable-line react-hooks/exhaustive-deps
  const rooms = useMemo(() => [...index.rooms.values()], [index.rooms]);
  const shown = useMemo(() => filterAgreements(props.agreements, index, filters), [props.agreements, index, filters]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const wave = waveCandidates(shown);
  const canCall = props.phase === 'signing' && !pending;
  const selectedCallable = [...selected].filter((id) => {
    const a = index.agreements.get(id);
    return a ? isCallable(a) : false;
  });
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const { actions } = props;
  const callOne = useCallback((id: string) => void run('call', () => actions.call([id], id)), [actions, run]);
  const preview = draft ? previewWave(draft.agreementIds, index, props.presence) : undefined;

  const setFilter = (patch: Partial<AgreementFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  /** A default name from what was filtered: "Banten", "PT Contoh", a room, or "Pilihan". */
  const defaultName = (fromSelection: boolean) => {
    if (fromSelection) return t('console.selection');
    const parts = [
      filters.province,
      filters.companyId ? index.parties.get(filters.companyId)?.name : '',
      filters.roomId ? index.rooms.get(filters.roomId)?.name : '',
      filters.search.trim(),
    ].filter(Boolean);
    return parts.join(' · ').slice(0, 80);
  };

  async function confirmWave() {
    if (!draft) return;
    const result = await run('call', () => props.actions.call(draft.agreementIds, draft.name.trim() || undefined));
    if (result) {
      setSelected((s) => new Set([...s].filter((id) => !draft.agreementIds.includes(id))));
      setDraft(undefined);
    }
  }

  return (
    <section className="panel call-panel" aria-labelledby="call-title">
      <h2 id="call-title" className="panel__title">{t('console.agreements')}</h2>
      <div className="filters">
        <div className="field field--wide">
          <label htmlFor={ids.search}>{t('console.search')}</label>
          <input id={ids.search} className="input" type="search" value={filters.search} placeholder={t('console.searchHint')} onChange={(e) => setFilter({ search: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.province}>{t('console.filterProvince')}</label>
          <select id={ids.province} className="input" value={filters.province} onChange={(e) => setFilter({ province: e.target.value })}>
            <option value="">{t('console.all')}</option>
            {provinces.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.company}>{t('console.filterCompany')}</label>
          <select id={ids.company} className="input" value={filters.companyId} onChange={(e) => setFilter({ companyId: e.target.value })}>
            <option value="">{t('console.all')}</option>
            {companies.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.kind})</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.room}>{t('console.filterRoom')}</label>
          <select id={ids.room} className="input" value={filters.roomId} onChange={(e) => setFilter({ roomId: e.target.value })}>
            <option value="">{t('console.all')}</option>
            {rooms.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('console.filterStatus')}</label>
          <select id={ids.status} className="input" value={filters.status} onChange={(e) => setFilter({ status: e.target.value as StatusFilter })}>
            <option value="open">{`${t('status.pending')} + ${t('status.called')}`}</option>
            <option value="pending">{t('status.pending')}</option>
            <option value="called">{t('status.called')}</option>
            <option value="done">{t('status.signed')}</option>
            <option value="all">{t('console.all')}</option>
          </select>
        </div>
      </div>
      <p className="cell-sub">{t('console.provinceRule')}</p>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={!canCall || wave.length === 0} onClick={() => setDraft({ agreementIds: wave, name: defaultName(false) })}>
          {t('console.prepareShown', { n: wave.length })}
        </button>
        <button type="button" className="button button--secondary" disabled={!canCall || selectedCallable.length === 0} onClick={() => setDraft({ agreementIds: selectedCallable, name: defaultName(true) })}>
          {t('console.prepareSelected', { n: selectedCallable.length })}
        </button>
      </div>
      {draft && preview ? (
        <div className="wave-preview" role="dialog" aria-labelledby="wave-preview-title" data-testid="wave-preview">
          <h3 id="wave-preview-title">{t('console.previewTitle', { n: props.nextWaveNumber })}</h3>
          <p data-testid="wave-preview-summary">
            {t('console.previewSummary', { n: preview.agreementIds.length, value: formatRupiah(preview.valueIdr), rooms: preview.rooms.length, online: preview.online })}
          </p>
          <ul className="plain-list wave-preview__rooms">
            {preview.rooms.map((r) => (
              <li key={r.roomId} className={`wave__party wave__party--${r.state}`}>
                {index.rooms.get(r.roomId)?.name ?? r.roomId} · {t(r.state === 'online' ? 'console.online' : r.state === 'waiting' ? 'console.waiting' : 'console.dropped')}
              </li>
            ))}
          </ul>
          <div className="field">
            <label htmlFor={ids.name}>{t('console.waveName')}</label>
            <input id={ids.name} className="input" maxLength={80} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </div>
          <div className="button-row">
            <button type="button" className="button button--primary" data-testid="wave-confirm" disabled={!canCall} onClick={() => void confirmWave()}>
              {t('console.confirmWave', { n: props.nextWaveNumber, count: preview.agreementIds.length })}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setDraft(undefined)}>
              {t('console.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <table className="table agreements-table">
        <thead>
          <tr>
            <th scope="col"><span className="visually-hidden">{t('console.selectShown')}</span></th>
            <th scope="col">{t('console.number')}</th>
            <th scope="col">{t('console.agreements')}</th>
            <th scope="col">{t('console.filterProvince')}</th>
            <th scope="col" className="num">{t('room.value')}</th>
            <th scope="col">{t('console.filterStatus')}</th>
            <th scope="col"><span className="visually-hidden">{t('console.call')}</span></th>
          </tr>
        </thead>
        <tbody>
          {visible.map((a) => (
            <AgreementRow
              key={a.id}
              agreement={a}
              parties={index.parties}
              province={index.agreementProvince.get(a.id) ?? ''}
              selected={selected.has(a.id)}
              canCall={canCall}
              toggle={toggle}
              call={callOne}
            />
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label={t('console.pages')}>
        <button type="button" className="button button--small button--quiet" disabled={current === 0} onClick={() => setPage(current - 1)}>{t('desk.prev')}</button>
        <span>{t('console.pageOf', { page: current + 1, pages, n: shown.length })}</span>
        <button type="button" className="button button--small button--quiet" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>{t('desk.next')}</button>
      </nav>
    </section>
  );
}

interface AgreementRowProps {
  agreement: Agreement;
  parties: Map<string, Party>;
  province: string;
  selected: boolean;
  canCall: boolean;
  toggle(id: string): void;
  call(id: string): void;
}

/** One table row; memoized so a signature elsewhere re-renders only its own row. */
const AgreementRow = memo(function AgreementRow({ agreement: a, parties, province, selected, canCall, toggle, call }: AgreementRowProps) {
  const { t } = useI18n();
  return (
    <tr data-agreement={a.id} data-status={a.status}>
      <td>
        <input type="checkbox" aria-label={t('console.select', { title: `${a.id} ${a.title}` })} checked={selected} disabled={!isCallable(a)} onChange={() => toggle(a.id)} />
      </td>
      <td className="agreement-number">{a.id}</td>
      <td>
        <span className="cell-title">{a.title}</span>
        <span className="cell-sub">{a.parties.map((id) => parties.get(id)?.name ?? id).join(' · ')}</span>
      </td>
      <td>{province}</td>
      <td className="num">{formatRupiah(a.valueIdr)}</td>
      <td>
        <StatusBadge status={a.status} />
        <span className="cell-sub">{t('console.partiesSigned', { signed: partySignedCount(a), total: a.parties.length })}</span>
      </td>
      <td>
        {a.status === 'pending' ? (
          <button type="button" className="button button--small" disabled={!canCall} onClick={() => call(a.id)} aria-label={`${t('console.call')}: ${a.id}`}>
            {t('console.call')}
          </button>
        ) : null}
      </td>
    </tr>
  );
});
