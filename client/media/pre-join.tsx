// Zoom-like check before going live: the official chooses camera and microphone, sees
// themselves and a level meter, tests the speaker (choosing it where the browser allows), then
// presses "Gabung". No device is opened before they ask, and nothing is sent before "Gabung".
import { useEffect, useId, useRef, useState } from 'react';
import { listDevices, openDevices, stopStream, watchLevel, type DeviceChoice, type DeviceList } from '../lib/device-check';
import { useI18n } from '../ui/i18n-context';
import { SpeakerTest } from '../ui/speaker-test';
import { MediaVideo } from './media-video';

export function PreJoin({ onJoin }: { onJoin(stream: MediaStream): void }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<DeviceChoice>();
  const [stream, setStream] = useState<MediaStream>();
  const [devices, setDevices] = useState<DeviceList>();
  const [level, setLevel] = useState(0);
  const [problem, setProblem] = useState<string>();
  const ids = { camera: useId(), mic: useId() };
  // The stream given to the stage on "Gabung": the check must not stop it when it unmounts.
  const handedOver = useRef<MediaStream | undefined>(undefined);

  useEffect(() => {
    if (!choice) return undefined;
    let live = true;
    let opened: MediaStream | undefined;
    setProblem(undefined);
    openDevices(choice)
      .then(async (s) => {
        if (!live) return stopStream(s);
        opened = s;
        setStream(s);
        setDevices(await listDevices());
      })
      .catch((error: unknown) => {
        if (live) setProblem(error instanceof DOMException && error.name === 'NotAllowedError' ? t('prejoin.denied') : t('prejoin.failed'));
      });
    return () => {
      live = false;
      // Handed over on "Gabung" (then the stage owns it); otherwise released here.
      if (opened && opened !== handedOver.current) stopStream(opened);
    };
  }, [choice, t]);

  useEffect(() => (stream ? watchLevel(stream, setLevel) : undefined), [stream]);

  const currentCamera = stream?.getVideoTracks()[0]?.getSettings().deviceId;
  const currentMic = stream?.getAudioTracks()[0]?.getSettings().deviceId;

  return (
    <section className="prejoin" aria-labelledby="prejoin-title" data-testid="prejoin">
      <h2 id="prejoin-title" className="panel__title">{t('prejoin.title')}</h2>
      {!choice ? (
        <>
          <p>{t('prejoin.intro')}</p>
          <button type="button" className="button button--primary" data-testid="prejoin-check" onClick={() => setChoice({})}>
            {t('prejoin.check')}
          </button>
        </>
      ) : (
        <div className="prejoin__body">
          <div className="prejoin__preview">
            {stream ? <MediaVideo stream={stream} muted mirrored label={t('prejoin.preview')} /> : <div className="mstage-placeholder">{t('prejoin.opening')}</div>}
          </div>
          <div className="prejoin__controls">
            <div className="field">
              <label htmlFor={ids.camera}>{t('prejoin.camera')}</label>
              <select id={ids.camera} className="input" value={currentCamera ?? ''} onChange={(e) => setChoice({ ...choice, cameraId: e.target.value })}>
                {(devices?.cameras ?? []).map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.mic}>{t('prejoin.microphone')}</label>
              <select id={ids.mic} className="input" value={currentMic ?? ''} onChange={(e) => setChoice({ ...choice, microphoneId: e.target.value })}>
                {(devices?.microphones ?? []).map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
              </select>
            </div>
            <div className="prejoin__meter" role="meter" aria-label={t('prejoin.level')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)}>
              <span style={{ width: `${Math.round(level * 100)}%` }} />
            </div>
            <SpeakerTest speakers={devices?.speakers ?? []} />
            {problem ? <p className="form-error" role="alert">{problem}</p> : null}
            <p className="prejoin__note">{t('prejoin.notLive')}</p>
            <button
              type="button"
              className="button button--primary button--large"
              data-testid="prejoin-join"
              disabled={!stream}
              onClick={() => {
                if (!stream) return;
                handedOver.current = stream;
                onJoin(stream);
              }}
            >
              {t('prejoin.join')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
