// The stage's publisher for bench/stage-jitter.ts's "isolated" view: instead of a Chromium encoding
// a fake camera on the same 2 cores as the server, this process (started at a high priority by the
// bench) joins the stage room as its official over the real signaling and sends pre-made RTP at
// exact intervals through werift as a client peer: opus-sized audio every 20 ms and 30 video
// frames a second of ~1 Mbps (VP8 payload descriptors; the watchers drop frames before any
// decoder). It stands in for a publisher on another machine: its packets leave on time, so any
// jitter the SFU sees at its socket read during a burst is the server's, not the publisher's. It
// also measures its own send jitter (RFC 3550 on its send times), printed each second as JSON:
//   {"type":"ready"} once producing, then {"type":"sent","audioJitterMs":…,"audioPackets":…,"videoPackets":…}
// Run: tsx bench/stage-paced-publisher.ts <server url> <ceremony id> <official token>
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { RtpJitter } from '../server/media/rtp-jitter';
import { connect, must } from '../tests/support/ceremony-driver';

const [url, ceremonyId, token] = process.argv.slice(2);
if (!url || !ceremonyId || !token) throw new Error('usage: stage-paced-publisher <url> <ceremonyId> <token>');

const AUDIO_PT = 100;
const VIDEO_PT = 101;
const AUDIO_INTERVAL_MS = 20;
const VIDEO_INTERVAL_MS = 1000 / 30;
/** ~1 Mbps at 30 fps: 4 packets of 1,050 bytes per frame. */
const VIDEO_PACKETS_PER_FRAME = 4;
const VIDEO_PACKET_BYTES = 1050;
/** An opus frame's typical size at 32 kbps / 20 ms. */
const AUDIO_PACKET_BYTES = 80;

const { socket } = await connect(url, ceremonyId, token);
const joined = await must(socket, 'media:join', {});
const options = await must(socket, 'media:createTransport', { direction: 'send' });

const pc = new RTCPeerConnection({
  codecs: {
    audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: AUDIO_PT })],
    video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, payloadType: VIDEO_PT })],
  },
  headerExtensions: { audio: [], video: [] },
  // Loopback is left out of werift's gathering by default; the benches run in a loopback-only namespace.
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceUseIpv6: false,
  iceUseTcp: false,
});
const audioTrack = new MediaStreamTrack({ kind: 'audio' });
const videoTrack = new MediaStreamTrack({ kind: 'video' });
const audio = pc.addTransceiver(audioTrack, { direction: 'sendonly' });
const video = pc.addTransceiver(videoTrack, { direction: 'sendonly' });
await pc.setLocalDescription(await pc.createOffer());

// The answer the server would give if it spoke SDP: ICE-lite, its one host candidate, its DTLS
// fingerprint as the passive side (mediasoup-client builds the same from these options).
const candidate = options.iceCandidates[0]!;
const fingerprint = options.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? options.dtlsParameters.fingerprints[0]!;
const section = (kind: 'audio' | 'video', mid: string, pt: number, rtpmap: string) =>
  [
    `m=${kind} ${candidate.port} UDP/TLS/RTP/SAVPF ${pt}`,
    `c=IN IP4 ${candidate.ip}`,
    `a=mid:${mid}`,
    'a=recvonly',
    'a=rtcp-mux',
    `a=ice-ufrag:${options.iceParameters.usernameFragment}`,
    `a=ice-pwd:${options.iceParameters.password}`,
    `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
    'a=setup:passive',
    `a=rtpmap:${pt} ${rtpmap}`,
    `a=candidate:${candidate.foundation} 1 udp ${candidate.priority} ${candidate.ip} ${candidate.port} typ host`,
    'a=end-of-candidates',
  ].join('\r\n');
const sdp = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  `a=group:BUNDLE ${audio.mid} ${video.mid}`,
  'a=ice-lite',
  section('audio', audio.mid!, AUDIO_PT, 'opus/48000/2'),
  section('video', video.mid!, VIDEO_PT, 'VP8/90000'),
  '',
].join('\r\n');
await pc.setRemoteDescription({ type: 'answer', sdp });

const local = pc.localDescription!.sdp;
const ours = /a=fingerprint:sha-256 (\S+)/.exec(local)?.[1];
if (!ours) throw new Error('no local fingerprint');
await must(socket, 'media:connectTransport', { transportId: options.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: ours }] } });
await new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`connection not up (${pc.connectionState})`)), 30_000);
  const check = () => {
    if (pc.connectionState === 'connected') {
      clearTimeout(timer);
      resolve();
    }
  };
  pc.connectionStateChange.subscribe(check);
  check();
});
await must(socket, 'media:produce', {
  transportId: options.id,
  kind: 'audio',
  rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: audio.sender.ssrc }] },
});
await must(socket, 'media:produce', {
  transportId: options.id,
  kind: 'video',
  rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90000 }], encodings: [{ ssrc: video.sender.ssrc }] },
});
void joined;

const audioPayload = Buffer.alloc(AUDIO_PACKET_BYTES, 0x5a);
audioPayload[0] = 0x78; // an opus TOC byte (hybrid, fullband, 20 ms); filler after it, as no part of the SFU decodes audio
const videoPayloads = Array.from({ length: VIDEO_PACKETS_PER_FRAME }, (_, i) => {
  const payload = Buffer.alloc(VIDEO_PACKET_BYTES, 0x33);
  payload[0] = i === 0 ? 0x10 : 0x00; // VP8 payload descriptor: S (start of partition) on the first
  return payload;
});
const sentJitter = new RtpJitter(48000);
let audioSeq = 0;
let videoSeq = 0;
let audioPackets = 0;
let videoPackets = 0;
const start = performance.now();

/** Calls `send(n)` at start + n·interval, scheduled against the absolute clock (no drift). */
function paced(intervalMs: number, send: (n: number) => void): void {
  let n = 0;
  const tick = () => {
    send(n);
    n++;
    setTimeout(tick, Math.max(0, start + n * intervalMs - performance.now()));
  };
  tick();
}

paced(AUDIO_INTERVAL_MS, (n) => {
  const timestamp = (n * 960) >>> 0;
  const header = new RtpHeader({ payloadType: AUDIO_PT, sequenceNumber: audioSeq++ & 0xffff, timestamp, marker: false });
  audioTrack.writeRtp(new RtpPacket(header, audioPayload));
  sentJitter.record(timestamp);
  audioPackets++;
});
paced(VIDEO_INTERVAL_MS, (n) => {
  const timestamp = (n * 3000) >>> 0;
  for (let i = 0; i < VIDEO_PACKETS_PER_FRAME; i++) {
    const header = new RtpHeader({ payloadType: VIDEO_PT, sequenceNumber: videoSeq++ & 0xffff, timestamp, marker: i === VIDEO_PACKETS_PER_FRAME - 1 });
    videoTrack.writeRtp(new RtpPacket(header, videoPayloads[i]!));
    videoPackets++;
  }
});

console.log(JSON.stringify({ type: 'ready' }));
setInterval(() => console.log(JSON.stringify({ type: 'sent', audioJitterMs: sentJitter.milliseconds, audioPackets, videoPackets })), 1000);
process.on('SIGTERM', () => {
  socket.close();
  void pc.close().finally(() => process.exit(0));
});
