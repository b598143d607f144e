// The pre-join check's device work: cameras and microphones only after the official asks, a
// level meter for the microphone, a test tone for the speaker (on a chosen output device where
// the browser supports it). Nothing here sends anything.
export interface DeviceChoice {
  cameraId?: string;
  microphoneId?: string;
}

export interface DeviceList {
  cameras: { id: string; label: string }[];
  microphones: { id: string; label: string }[];
  speakers: { id: string; label: string }[];
}

export async function openDevices(choice: DeviceChoice): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : true,
    video: {
      ...(choice.cameraId ? { deviceId: { exact: choice.cameraId } } : {}),
      width: { ideal: 640 },
      height: { ideal: 480 },
      frameRate: { ideal: 30 },
    },
  });
}

export async function listDevices(): Promise<DeviceList> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const of = (kind: MediaDeviceKind) =>
    devices.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
  return { cameras: of('videoinput'), microphones: of('audioinput'), speakers: of('audiooutput') };
}

export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Calls `onLevel` (0..1) about 15 times a second with the microphone's loudness; returns a stop. */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  if (stream.getAudioTracks().length === 0 || typeof AudioContext === 'undefined') return () => {};
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const v of samples) sum += v * v;
    onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
  }, 66);
  return () => {
    clearInterval(timer);
    source.disconnect();
    void context.close();
  };
}

/** AudioContext.setSinkId (Chromium 110+): the test tone can play on a chosen speaker. */
type SinkableAudioContext = AudioContext & { setSinkId(sinkId: string): Promise<void> };

/** Whether this browser lets a page choose the speaker (output device) it plays on. */
export function canChooseSpeaker(): boolean {
  return typeof AudioContext !== 'undefined' && 'setSinkId' in AudioContext.prototype;
}

/**
 * A short two-note chime, so the room hears that sound works: on the chosen speaker where the
 * browser allows choosing (`speakerId`), otherwise on the system's default output.
 */
export async function playTestTone(speakerId?: string): Promise<void> {
  if (typeof AudioContext === 'undefined') return;
  const context = new AudioContext();
  try {
    if (speakerId && canChooseSpeaker()) await (context as SinkableAudioContext).setSinkId(speakerId);
    const gain = context.createGain();
    gain.gain.value = 0.15;
    gain.connect(context.destination);
    for (const [i, frequency] of [660, 880].entries()) {
      const tone = context.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(context.currentTime + i * 0.35);
      tone.stop(context.currentTime + i * 0.35 + 0.3);
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
  } finally {
    await context.close();
  }
}
