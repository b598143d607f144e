// A <video> bound to a MediaStreamTrack (React cannot set srcObject declaratively).
import { useEffect, useRef } from 'react';

export function MediaVideo(props: { track?: MediaStreamTrack; stream?: MediaStream; muted?: boolean; mirrored?: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const source = props.stream ?? (props.track ? new MediaStream([props.track]) : null);
    element.srcObject = source;
    if (source) element.play().catch(() => {});
  }, [props.track, props.stream]);
  return (
    <video
      ref={ref}
      className={`mstage-video${props.mirrored ? ' mstage-video--mirrored' : ''}`}
      autoPlay
      playsInline
      muted={props.muted ?? true}
      aria-label={props.label}
    />
  );
}

/** Plays a remote audio track; reports when the browser blocks autoplay so a button can unblock it. */
export function MediaAudio({ track, onBlocked, unlockSignal }: { track: MediaStreamTrack; onBlocked(): void; unlockSignal: number }) {
  const ref = useRef<HTMLAudioElement>(null);
  // The latest callback, without restarting playback when only the callback's identity changes.
  const blocked = useRef(onBlocked);
  blocked.current = onBlocked;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    element.play().catch(() => blocked.current());
  }, [track, unlockSignal]);
  return <audio ref={ref} autoPlay />;
}
