import { useEffect, useState } from 'react';
import type { TimeZoneName } from '../../shared/domain/types';
import { formatLocalDate, formatLocalTime } from '../../shared/format/time';
import { useI18n } from './i18n-context';

/** The room's wall clock in its own zone, corrected by the server's clock offset. */
export function LocalClock({ zone, clockOffsetMs }: { zone: TimeZoneName; clockOffsetMs: number }) {
  const { t, lang } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const instant = new Date(now + clockOffsetMs);
  return (
    <div className="local-clock">
      <span className="local-clock__label">{t('room.localTime')}</span>
      <time className="local-clock__time" dateTime={instant.toISOString()}>
        {formatLocalTime(instant, zone)}
      </time>
      <span className="local-clock__date">{formatLocalDate(instant, zone, lang)}</span>
    </div>
  );
}
