// "Uji pengeras suara" in the pre-join check: a test chime, and where the browser lets a page
// choose its output device (setSinkId), a choice of speaker; elsewhere a line saying the system's
// default speaker is used and where to change it.
import { useId, useState } from 'react';
import { canChooseSpeaker, playTestTone } from '../lib/device-check';
import { useI18n } from './i18n-context';

export function SpeakerTest({ speakers }: { speakers: { id: string; label: string }[] }) {
  const { t } = useI18n();
  const [speakerId, setSpeakerId] = useState('');
  const [testing, setTesting] = useState(false);
  const [problem, setProblem] = useState(false);
  const selectId = useId();
  const choosable = canChooseSpeaker();
  return (
    <div className="speaker-test" data-testid="speaker-test" data-choosable={choosable ? 'yes' : 'no'}>
      {choosable ? (
        <div className="field">
          <label htmlFor={selectId}>{t('prejoin.speakerDevice')}</label>
          <select id={selectId} className="input" value={speakerId} onChange={(e) => setSpeakerId(e.target.value)}>
            <option value="">{t('prejoin.speakerDefault')}</option>
            {speakers.filter((s) => s.id !== 'default').map((s) => (
              <option key={s.id} value={s.id}>{s.label}</option>
            ))}
          </select>
        </div>
      ) : (
        <p className="prejoin__note" data-testid="speaker-fallback">{t('prejoin.speakerSystem')}</p>
      )}
      <button
        type="button"
        className="button button--quiet"
        disabled={testing}
        onClick={() => {
          setTesting(true);
          setProblem(false);
          void playTestTone(speakerId || undefined)
            .catch(() => setProblem(true))
            .finally(() => setTesting(false));
        }}
      >
        {testing ? t('prejoin.speakerPlaying') : t('prejoin.speaker')}
      </button>
      {problem ? <p className="form-error" role="alert">{t('prejoin.speakerFailed')}</p> : null}
    </div>
  );
}
