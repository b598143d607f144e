// The official's own camera, the "you are live" indicator, and microphone/camera switches.
import type { MediaClient, MediaClientSnapshot } from '../lib/media-client';
import { mediaText, type MediaLang } from './media-labels';
import { MediaVideo } from './media-video';

export function SelfView(props: { client: MediaClient; snapshot: MediaClientSnapshot; lang: MediaLang }) {
  const { client, snapshot, lang } = props;
  const isLive = snapshot.status === 'live' && (snapshot.micOn || snapshot.cameraOn);
  const byOrganizer = snapshot.pausedByOrganizer;
  return (
    <section className="mstage-self" aria-label={mediaText(lang, 'selfView')}>
      {snapshot.localStream && snapshot.cameraOn ? (
        <MediaVideo stream={snapshot.localStream} muted mirrored label={mediaText(lang, 'selfView')} />
      ) : (
        <div className="mstage-placeholder" aria-hidden="true">{mediaText(lang, 'selfView')}</div>
      )}
      <p className={`mstage-live${isLive ? ' mstage-live--on' : ''}`} role="status" data-testid="live-indicator" data-live={isLive ? 'true' : 'false'}>
        <span className="mstage-live__dot" aria-hidden="true" />
        {mediaText(lang, isLive ? 'live' : 'notLive')}
      </p>
      {byOrganizer.audio || byOrganizer.video ? (
        <p className="mstage-note" role="alert">
          {mediaText(lang, 'mutedByOrganizer', { what: mediaText(lang, byOrganizer.audio ? 'microphone' : 'camera') })}
        </p>
      ) : null}
      <div className="mstage-controls">
        <button
          type="button"
          aria-pressed={!snapshot.micOn}
          data-testid="toggle-mic"
          onClick={() => void client.setMicEnabled(!snapshot.micOn).catch(() => {})}
        >
          {mediaText(lang, snapshot.micOn ? 'micOn' : 'micOff')}
        </button>
        <button
          type="button"
          aria-pressed={!snapshot.cameraOn}
          data-testid="toggle-camera"
          onClick={() => void client.setCameraEnabled(!snapshot.cameraOn).catch(() => {})}
        >
          {mediaText(lang, snapshot.cameraOn ? 'camOn' : 'camOff')}
        </button>
      </div>
    </section>
  );
}
