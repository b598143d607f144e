// After closing: what the ceremony achieved, and where its record is.
import type { Ceremony, RoomPresence } from '../../shared/domain/types';
import { formatRupiah } from '../../shared/format/rupiah';
import { formatLocalTime } from '../../shared/format/time';
import { isDone } from '../lib/ceremony-state';
import { useI18n } from '../ui/i18n-context';
import { isBeritaAcaraReady } from '../../shared/domain/berita-acara-signing';

export function CeremonySummary({ ceremony, presence, tallyUrl }: { ceremony: Ceremony; presence: RoomPresence[]; tallyUrl?: string }) {
  const { t } = useI18n();
  const zone = ceremony.rooms.find((r) => r.isStage)?.timezone ?? 'WIB';
  const done = ceremony.agreements.filter(isDone);
  const value = done.reduce((sum, a) => sum + a.valueIdr, 0);
  const total = ceremony.agreements.reduce((sum, a) => sum + a.valueIdr, 0);
  const { signingStartedAt, closedAt } = ceremony.timeline;
  const minutes = signingStartedAt && closedAt ? Math.round((Date.parse(closedAt) - Date.parse(signingStartedAt)) / 60_000) : undefined;
  // A room attended if it joined (presence since this server start) or signed anything.
  const attended = new Set(presence.filter((p) => p.online || p.since).map((p) => p.roomId));
  for (const a of done) for (const s of Object.values(a.signatures)) attended.add(s.roomId);
  const base = `/api/ceremonies/${encodeURIComponent(ceremony.id)}`;
  return (
    <section className="panel summary" aria-labelledby="summary-title" data-testid="ceremony-summary">
      <h2 id="summary-title" className="panel__title">{t('summary.title')}</h2>
      <dl className="summary__list">
        <div><dt>{t('summary.agreements')}</dt><dd>{t('summary.agreementsValue', { signed: done.length, total: ceremony.agreements.length })}</dd></div>
        <div><dt>{t('summary.value')}</dt><dd>{t('tally.valueOf', { signed: formatRupiah(value), total: formatRupiah(total) })}</dd></div>
        <div>
          <dt>{t('summary.duration')}</dt>
          <dd>
            {signingStartedAt ? formatLocalTime(signingStartedAt, zone) : '—'} – {closedAt ? formatLocalTime(closedAt, zone) : '—'}
            {minutes !== undefined ? ` (${t('summary.minutes', { n: minutes })})` : ''}
          </dd>
        </div>
        <div><dt>{t('summary.attendance')}</dt><dd>{t('summary.attendanceValue', { n: attended.size, total: ceremony.rooms.length })}</dd></div>
      </dl>
      {/* Held until the officials have signed the minutes (see the officials panel). */}
      {isBeritaAcaraReady(ceremony) ? null : <p className="cell-sub" data-testid="record-waiting">{t('officials.recordWaiting')}</p>}
      <p className="button-row">
        {isBeritaAcaraReady(ceremony) ? (
          <>
            <a className="button button--primary" href={`${base}/berita-acara.pdf`} target="_blank" rel="noopener">{t('console.beritaAcara')}</a>
            <a className="button button--secondary" href={`${base}/record.zip`}>{t('console.record')}</a>
          </>
        ) : null}
        {tallyUrl ? <a className="button button--quiet" href={tallyUrl} target="_blank" rel="noopener">{t('console.tallyLink')}</a> : null}
      </p>
    </section>
  );
}
