// What is at the signing desk, wave by wave: name and number, how long it has waited, progress,
// and per agreement each party's room state, stuck agreements (a party whose room is not online)
// first. A single agreement or a whole wave can be recalled; an agreement can be re-called.
import { memo, useCallback } from 'react';
import type { Agreement, RoomPresence, TimeZoneName, Wave } from '../../shared/domain/types';
import { formatLocalTime } from '../../shared/format/time';
import type { CeremonyIndex } from '../lib/ceremony-index';
import { useI18n } from '../ui/i18n-context';
import { useNow } from '../ui/use-now';
import { StatusBadge } from '../ui/status-badge';
import { formatElapsed, roomState, type WaveProgress } from './call-planning';
import type { ConsoleActions } from './console-actions';
import { useActionRunner } from './use-action-runner';

export function wavesLabel(wave: { number: number; name?: string }, t: ReturnType<typeof useI18n>['t']): string {
  return wave.name ? `${t('console.waveNumber', { n: wave.number })} · ${wave.name}` : t('console.waveNumber', { n: wave.number });
}

export function WavePanel(props: {
  waves: WaveProgress[];
  index: CeremonyIndex;
  presence: Map<string, RoomPresence>;
  zone: TimeZoneName;
  actions: ConsoleActions;
  closed: boolean;
  confirm?: (text: string) => boolean;
}) {
  const { t } = useI18n();
  const now = useNow();
  const { pending, error, run } = useActionRunner();
  const confirm = props.confirm ?? ((text: string) => window.confirm(text));
  const disabled = !!pending || props.closed;
  // Stable per-agreement actions, so one agreement's update re-renders one row, not the wave.
  const { actions } = props;
  const recall = useCallback(
    (a: Agreement) => {
      if (confirm(t('console.recallConfirm', { title: `${a.id} ${a.title}` }))) void run('recall', () => actions.recall(a.id));
    },
    [actions, run, t], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const callAgain = useCallback((a: Agreement) => void run('call', () => actions.call([a.id], a.id)), [actions, run]);
  const recallWave = useCallback(
    (wave: Wave, open: number) => {
      if (confirm(t('console.recallWaveConfirm', { wave: wavesLabel(wave, t), n: open }))) void run('recallWave', () => actions.recallWave(wave.id));
    },
    [actions, run, t], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return (
    <section className="panel desk-progress" aria-labelledby="desk-progress-title">
      <h2 id="desk-progress-title" className="panel__title">{t('console.desk')}</h2>
      {props.waves.length === 0 ? <p className="panel__empty">{t('console.deskEmpty')}</p> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {props.waves.map((progress) => (
        <WaveGroup
          key={progress.wave.id}
          progress={progress}
          index={props.index}
          presence={props.presence}
          zone={props.zone}
          now={now}
          disabled={disabled}
          recall={recall}
          callAgain={callAgain}
          recallWave={recallWave}
        />
      ))}
    </section>
  );
}

interface WaveGroupProps {
  progress: WaveProgress;
  index: CeremonyIndex;
  presence: Map<string, RoomPresence>;
  zone: TimeZoneName;
  now: number;
  disabled: boolean;
  recall(a: Agreement): void;
  callAgain(a: Agreement): void;
  recallWave(wave: Wave, open: number): void;
}

/** The index object is rebuilt on every update; a group only reads its parties and rooms. */
const sameGroup = (a: WaveGroupProps, b: WaveGroupProps) =>
  a.progress === b.progress && a.presence === b.presence && a.index.parties === b.index.parties && a.index.rooms === b.index.rooms &&
  a.zone === b.zone && a.now === b.now && a.disabled === b.disabled && a.recall === b.recall && a.callAgain === b.callAgain && a.recallWave === b.recallWave;

/** One wave; console-derived keeps an untouched wave's object, so a signature re-renders one group. */
const WaveGroup = memo(function WaveGroup(props: WaveGroupProps) {
  const { t, lang } = useI18n();
  const { wave, items, done, total } = props.progress;
  const { now, disabled } = props;
  return (
    <div className="wave" data-wave={wave.id} data-wave-number={wave.number}>
      <div className="wave__head">
        <h3>{wavesLabel(wave, t)}</h3>
        <span className="wave__count">{t('console.waveProgress', { signed: done, total })}</span>
        <span className="cell-sub">
          {t('console.calledAt', { time: formatLocalTime(wave.calledAt, props.zone), elapsed: formatElapsed(wave.calledAt, now, lang) })}
        </span>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={disabled}
          onClick={() => {
            props.recallWave(wave, total - done);
          }}
        >
          {t('console.recallWave')}
        </button>
      </div>
      <progress className="progress" max={total} value={done} aria-label={t('console.waveProgress', { signed: done, total })} />
      <ul className="plain-list">
        {items.map(({ agreement, stuck }) => (
          <WaveRow
            key={agreement.id}
            agreement={agreement}
            stuck={stuck}
            index={props.index}
            presence={props.presence}
            elapsed={agreement.calledAt ? formatElapsed(agreement.calledAt, now, lang) : ''}
            disabled={disabled}
            recall={props.recall}
            callAgain={props.callAgain}
          />
        ))}
      </ul>
    </div>
  );
}, sameGroup);

interface WaveRowProps {
  agreement: Agreement;
  stuck: boolean;
  index: CeremonyIndex;
  presence: Map<string, RoomPresence>;
  elapsed: string;
  disabled: boolean;
  recall(a: Agreement): void;
  callAgain(a: Agreement): void;
}

/** The index is rebuilt on every agreement update; a row only needs its parties and rooms. */
const sameRow = (a: WaveRowProps, b: WaveRowProps) =>
  a.agreement === b.agreement && a.stuck === b.stuck && a.elapsed === b.elapsed && a.disabled === b.disabled &&
  a.presence === b.presence && a.index.parties === b.index.parties && a.recall === b.recall && a.callAgain === b.callAgain;

const WaveRow = memo(function WaveRow(props: WaveRowProps) {
  const { t } = useI18n();
  const a = props.agreement;
  return (
    <li className={`wave__item${props.stuck ? ' wave__item--stuck' : ''}`} data-agreement={a.id} data-status={a.status} data-stuck={props.stuck ? 'yes' : 'no'}>
      <span className="wave__title">
        <span className="agreement-number">{a.id}</span> {a.title}
        <span className="wave__parties">
          {a.parties.map((id) => {
            const party = props.index.parties.get(id);
            const room = party ? props.index.rooms.get(party.room) : undefined;
            const state = roomState(props.presence.get(party?.room ?? ''));
            const signed = !!a.signatures[id];
            return (
              <span key={id} className={`wave__party wave__party--${signed ? 'signed' : state}`}>
                {signed ? '✓' : '○'} {party?.name ?? id}
                <span className="cell-sub">
                  {room?.name ?? ''} · {signed ? t('status.signed') : t(state === 'online' ? 'console.online' : state === 'waiting' ? 'console.waiting' : 'console.dropped')}
                </span>
              </span>
            );
          })}
        </span>
      </span>
      <span className="wave__state">
        <StatusBadge status={a.status} />
        {a.status === 'called' && props.elapsed ? <span className="cell-sub">{t('console.waiting')} {props.elapsed}</span> : null}
      </span>
      {a.status === 'called' ? (
        <span className="button-row">
          <button type="button" className="button button--small button--quiet" disabled={props.disabled} onClick={() => props.recall(a)} aria-label={`${t('console.recall')}: ${a.id}`}>
            {t('console.recall')}
          </button>
          <button type="button" className="button button--small button--quiet" disabled={props.disabled} onClick={() => props.callAgain(a)} aria-label={`${t('console.recallAgain')}: ${a.id}`}>
            {t('console.recallAgain')}
          </button>
        </span>
      ) : null}
    </li>
  );
}, sameRow);
