import { useEffect, useRef, useState } from 'react';
import type { Tally } from '../../shared/domain/types';
import { formatLocalTime } from '../../shared/format/time';
import { computePace, emptySigningLog, recordSignings, type Pace, type SigningLog } from './pace';
import { useTallyText } from './tally-text';

/** Collects the signings this page has seen and re-reads the pace every 15 s. */
function usePace(tally: Tally, clockOffsetMs: number): Pace {
  const log = useRef<SigningLog>(emptySigningLog());
  const [, setTick] = useState(0);
  const lastSeen = useRef<Tally['latestSignings']>(undefined);
  if (lastSeen.current !== tally.latestSignings) {
    lastSeen.current = tally.latestSignings;
    log.current = recordSignings(log.current, tally.latestSignings, tally.agreementsSigned);
  }
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 15_000);
    return () => clearInterval(timer);
  }, []);
  return computePace(log.current, Date.now() + clockOffsetMs, tally.agreementsTotal - tally.agreementsSigned);
}

export function PacePanel({ tally, clockOffsetMs }: { tally: Tally; clockOffsetMs: number }) {
  const { tt, lang } = useTallyText();
  const pace = usePace(tally, clockOffsetMs);
  const done = tally.agreementsTotal > 0 && tally.agreementsSigned >= tally.agreementsTotal;
  let body: React.ReactNode;
  if (done) body = <p>{tt('paceDone')}</p>;
  else if (tally.phase !== 'signing') body = <p className="panel__empty">{tt('paceNotRunning')}</p>;
  else if (pace.kind === 'measuring') body = <p className="panel__empty">{tt('paceMeasuring')}</p>;
  else if (pace.kind === 'idle') body = <p>{tt('paceIdle', { minutes: pace.windowMinutes })}</p>;
  else {
    const rate = pace.perMinute >= 10 ? Math.round(pace.perMinute).toString() : pace.perMinute.toFixed(1);
    body = (
      <>
        <p className="pace__rate">
          <strong>{lang === 'id' ? rate.replace('.', ',') : rate}</strong> {tt('pacePerMinute')}
          <span className="pace__window"> {tt('paceWindow', { minutes: Math.max(1, pace.windowMinutes) })}</span>
        </p>
        {pace.finishAtMs ? (
          <p className="pace__finish">{tt('paceFinish', { time: formatLocalTime(new Date(pace.finishAtMs), 'WIB'), left: pace.remaining })}</p>
        ) : null}
      </>
    );
  }
  return (
    <section className="panel pace" aria-labelledby="pace-title" data-testid="tally-pace" data-pace={done ? 'done' : tally.phase === 'signing' ? pace.kind : 'not-running'}>
      <h2 id="pace-title" className="panel__title">{tt('paceTitle')}</h2>
      {body}
    </section>
  );
}
