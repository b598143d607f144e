// One mediasoup-style WebRtcTransport on werift's lower layers: our ICE-lite agent, werift's DTLS
// with SRTP, and the routing of RTP/RTCP by SSRC between producers and consumers.
import { randomInt, randomUUID } from 'node:crypto';
import {
  ProtectionProfileAeadAes128Gcm,
  ProtectionProfileAes128CmHmacSha1_80,
  RTCDtlsFingerprint,
  RTCDtlsParameters,
  RTCDtlsTransport,
  RtcpSrPacket,
  type RTCCertificate,
  type RtcpPacket,
  type RtpPacket,
} from 'werift';
import type { MediaIceCandidate } from '../../shared/protocol/media-events';
import type { MediaKind, TDtlsParameters, TRtpCapabilities, TRtpParameters } from '../../shared/protocol/media-schemas';
import type { LivenessMonitor } from './liveness-monitor';
import type { CloseReason, MediaTransport, TransportCounters } from './media-server';
import {
  buildConsumerRtpParameters,
  deviceSupports,
  findRouterCodec,
} from './router-capabilities';
import { emptyForwardDelay } from './forward-delay';
import { recordReceiverReports } from './receiver-reports';
import { readConsumerFeedback, type ForwardedRtp } from './rtp-rewrite';
import type { UdpPortPool } from './udp-port-pool';
import { WeriftConsumer } from './werift-consumer';
import { createIceLiteAgent, type IceLiteAgent } from './werift-ice-lite';
import { WeriftProducer } from './werift-producer';

function emptyReceiverReports(): NonNullable<TransportCounters['receiverReports']> {
  return { audio: { count: 0, jitterMsSum: 0 }, video: { count: 0, jitterMsSum: 0 }, rejected: 0 };
}

export interface TransportContext {
  listenIp: string;
  announcedIp: string;
  certificate: RTCCertificate;
  ports: UdpPortPool;
  liveness: LivenessMonitor;
  routerCapabilities: TRtpCapabilities;
  cname: string;
  findProducer(producerId: string): WeriftProducer | undefined;
  registerProducer(producer: WeriftProducer): void;
  onTransportClosed(transport: WeriftTransport): void;
}

export class WeriftTransport implements MediaTransport {
  readonly id = randomUUID();
  readonly iceParameters: MediaTransport['iceParameters'];
  readonly iceCandidates: MediaIceCandidate[];
  readonly dtlsParameters: TDtlsParameters;
  readonly rtcpSsrc = randomInt(1, 0xffffffff);
  closed = false;
  private readonly dtls: RTCDtlsTransport;
  private readonly producersBySsrc = new Map<number, WeriftProducer>();
  private readonly consumersBySsrc = new Map<number, WeriftConsumer>();
  private readonly closeListeners = new Set<(reason: CloseReason) => void>();
  private connectStarted = false;
  private nextConsumerMid = 0;
  private dtlsReady = false;

  static async create(context: TransportContext): Promise<WeriftTransport> {
    const socket = await context.ports.bind();
    return new WeriftTransport(context, socket);
  }

  private readonly agent: IceLiteAgent;

  private constructor(
    private readonly context: TransportContext,
    socket: Awaited<ReturnType<UdpPortPool['bind']>>,
  ) {
    this.agent = createIceLiteAgent({
      socket,
      listenIp: context.listenIp,
      announcedIp: context.announcedIp,
      onAccepted: (kind) => {
        // Liveness starts with the first signed check: a transport the browser never used (a recv
        // transport with nothing to receive yet) is not dead, just idle.
        if (kind === 'check' && !context.liveness.isWatched(this.id)) context.liveness.watch(this.id);
        else context.liveness.touch(this.id);
      },
    });
    this.iceParameters = {
      usernameFragment: this.agent.usernameFragment,
      password: this.agent.password,
      iceLite: true,
    };
    const candidate = this.agent.iceTransport.localCandidates[0]!;
    this.iceCandidates = [
      {
        foundation: candidate.foundation,
        priority: candidate.priority,
        ip: candidate.ip,
        address: candidate.ip,
        protocol: 'udp',
        port: candidate.port,
        type: 'host',
      },
    ];
    this.dtls = new RTCDtlsTransport({}, this.agent.iceTransport, context.certificate, [
      ProtectionProfileAeadAes128Gcm,
      ProtectionProfileAes128CmHmacSha1_80,
    ]);
    this.dtlsParameters = {
      role: 'auto',
      fingerprints: context.certificate.getFingerprints().map(({ algorithm, value }) => ({ algorithm, value })),
    };
    this.dtls.onRtp.subscribe((packet) => this.routeRtp(packet));
    this.dtls.onRtcp.subscribe((packet) => this.routeRtcp(packet));
    // Start ICE now: Chrome's first checks may arrive before `connect`, and werift keeps them.
    this.agent.iceTransport.start().catch(() => {});
  }

  get isReady(): boolean {
    return this.dtlsReady && !this.closed;
  }

  /**
   * Answers at once: mediasoup-client waits for this before applying its SDP, so waiting for
   * ICE/DTLS here would deadlock. The DTLS role is the opposite of the browser's.
   */
  async connect({ dtlsParameters }: { dtlsParameters: TDtlsParameters }): Promise<void> {
    if (this.closed) throw new Error('transport closed');
    if (this.connectStarted) throw new Error('transport already connected');
    this.connectStarted = true;
    const remoteRole = dtlsParameters.role ?? 'client';
    this.dtls.role = remoteRole === 'server' ? 'client' : 'server';
    this.dtls.setRemoteParams(
      new RTCDtlsParameters(
        dtlsParameters.fingerprints.map(({ algorithm, value }) => new RTCDtlsFingerprint(algorithm, value)),
        remoteRole === 'server' ? 'server' : 'client',
      ),
    );
    void this.finishConnect();
  }

  private async finishConnect(): Promise<void> {
    try {
      if (this.dtls.role === 'server') {
        // As DTLS server we only answer, so listen at once: the browser's ClientHello follows its
        // first answered check within milliseconds, and one that finds no listener costs a
        // retransmission (Chrome waits about 1 s, then doubles).
        await Promise.all([this.dtls.start(), this.waitForIce()]);
      } else {
        await this.waitForIce();
        if (this.closed) return;
        await this.dtls.start();
      }
      if (this.closed) return;
      this.dtlsReady = true;
      // Consumers created before DTLS was up need a keyframe now that they can receive it.
      for (const consumer of this.consumersBySsrc.values()) consumer.requestKeyframe();
      for (const producer of this.producersBySsrc.values()) producer.transportReady();
    } catch {
      if (!this.closed) this.close('dead');
    }
  }

  private waitForIce(): Promise<void> {
    const ice = this.agent.iceTransport;
    if (ice.state === 'connected' || ice.state === 'completed') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const subscription = ice.onStateChange.subscribe((state) => {
        if (state === 'connected' || state === 'completed') {
          subscription.unSubscribe();
          resolve();
        } else if (state === 'failed' || state === 'closed') {
          subscription.unSubscribe();
          reject(new Error(`ICE ${state}`));
        }
      });
    });
  }

  async produce(options: { kind: MediaKind; rtpParameters: TRtpParameters; paused?: boolean }): Promise<WeriftProducer> {
    if (this.closed) throw new Error('transport closed');
    const encodings = options.rtpParameters.encodings ?? [];
    const ssrc = encodings[0]?.ssrc;
    if (encodings.length !== 1 || ssrc === undefined) throw new Error('exactly one encoding with an SSRC is supported');
    if (this.producersBySsrc.has(ssrc)) throw new Error('SSRC already produced');
    const codec = findRouterCodec(this.context.routerCapabilities, options.rtpParameters);
    if (!codec || codec.kind !== options.kind) throw new Error('codec not supported by the router');
    const isReady = () => this.isReady;
    const producer = new WeriftProducer(
      options.kind,
      options.rtpParameters,
      ssrc,
      {
        rtcpSsrc: this.rtcpSsrc,
        get isReady() {
          return isReady();
        },
        sendRtcp: (packets) => this.sendRtcp(packets),
      },
      options.paused ?? false,
    );
    this.producersBySsrc.set(ssrc, producer);
    producer.onClose(() => this.producersBySsrc.delete(ssrc));
    this.context.registerProducer(producer);
    return producer;
  }

  async consume(options: { producerId: string; rtpCapabilities: TRtpCapabilities; paused?: boolean }): Promise<WeriftConsumer> {
    // `layer` is ignored: werift forwards the one encoding a producer sends.
    if (this.closed) throw new Error('transport closed');
    const producer = this.context.findProducer(options.producerId);
    if (!producer || producer.closed) throw new Error('producer not found');
    const codec = findRouterCodec(this.context.routerCapabilities, producer.rtpParameters);
    if (!codec || !deviceSupports(options.rtpCapabilities, codec)) throw new Error('device cannot consume this codec');
    let ssrc = randomInt(1, 0xffffffff);
    while (this.consumersBySsrc.has(ssrc)) ssrc = randomInt(1, 0xffffffff);
    const rtpParameters = buildConsumerRtpParameters({
      kind: producer.kind,
      codec,
      ssrc,
      cname: this.context.cname,
      mid: String(this.nextConsumerMid++),
    });
    const isReady = () => this.isReady;
    const consumer = new WeriftConsumer(
      producer,
      rtpParameters,
      ssrc,
      rtpParameters.codecs[0]!.payloadType,
      {
        get isReady() {
          return isReady();
        },
        sendRtp: (packet) => this.sendRtp(packet),
        sendRtcp: (packets) => this.sendRtcp(packets),
      },
      options.paused ?? false,
    );
    this.consumersBySsrc.set(ssrc, consumer);
    consumer.onClose(() => this.consumersBySsrc.delete(ssrc));
    consumer.requestKeyframe();
    return consumer;
  }

  private routeRtp(packet: RtpPacket): void {
    this.producersBySsrc.get(packet.header.ssrc)?.receiveRtp(packet, this.agent.readAt);
  }

  private routeRtcp(packet: RtcpPacket): void {
    // Report blocks (in RR, or in an SR of a browser that also sends) about our consumers' streams.
    recordReceiverReports(packet, (ssrc) => this.consumersBySsrc.get(ssrc)?.receiverReports);
    if (packet instanceof RtcpSrPacket) {
      this.producersBySsrc.get(packet.ssrc)?.receiveSenderReport(packet);
      return;
    }
    for (const feedback of readConsumerFeedback(packet)) {
      const consumer = this.consumersBySsrc.get(feedback.mediaSsrc);
      if (!consumer) continue;
      if (feedback.type === 'keyframe') consumer.requestKeyframe();
      else consumer.relayNack(feedback.lost);
    }
  }

  private sendRtp(packet: ForwardedRtp): void {
    void this.dtls.sendRtp(packet.payload, packet.header);
  }

  private sendRtcp(packets: Parameters<RTCDtlsTransport['sendRtcp']>[0]): void {
    if (!this.isReady) return;
    this.dtls.sendRtcp(packets).catch(() => {});
  }

  async getStats(): Promise<TransportCounters> {
    let packetsLost = 0;
    let audioJitterMs: number | undefined;
    let videoJitterMs: number | undefined;
    const forwardDelay = this.producersBySsrc.size > 0 ? emptyForwardDelay() : undefined;
    for (const producer of this.producersBySsrc.values()) {
      packetsLost += producer.loss.lost;
      if (producer.kind === 'audio') audioJitterMs = Math.max(audioJitterMs ?? 0, producer.jitter.milliseconds);
      else videoJitterMs = Math.max(videoJitterMs ?? 0, producer.jitter.milliseconds);
      if (forwardDelay) producer.forwardDelay.addTo(forwardDelay);
    }
    let nacksReceived = 0;
    let rtpPacketsForwarded = 0;
    let audioSendJitterMs: number | undefined;
    let videoSendJitterMs: number | undefined;
    let audioForwardJitterMs: number | undefined;
    let audioReceiverJitterMs: number | undefined;
    let videoReceiverJitterMs: number | undefined;
    const receiverReports = this.consumersBySsrc.size > 0 ? emptyReceiverReports() : undefined;
    for (const consumer of this.consumersBySsrc.values()) {
      nacksReceived += consumer.nacksReceived;
      rtpPacketsForwarded += consumer.packetsForwarded;
      const reports = consumer.receiverReports;
      if (receiverReports) {
        receiverReports[consumer.kind].count += reports.count;
        receiverReports[consumer.kind].jitterMsSum += reports.jitterMsSum;
        receiverReports.rejected += reports.rejected;
      }
      if (reports.latestJitterMs !== undefined) {
        if (consumer.kind === 'audio') audioReceiverJitterMs = Math.max(audioReceiverJitterMs ?? 0, reports.latestJitterMs);
        else videoReceiverJitterMs = Math.max(videoReceiverJitterMs ?? 0, reports.latestJitterMs);
      }
      if (consumer.packetsForwarded < 2) continue;
      if (consumer.kind === 'audio') {
        audioSendJitterMs = Math.max(audioSendJitterMs ?? 0, consumer.sendJitter.milliseconds);
        audioForwardJitterMs = Math.max(audioForwardJitterMs ?? 0, consumer.forwardJitterMs);
      } else videoSendJitterMs = Math.max(videoSendJitterMs ?? 0, consumer.sendJitter.milliseconds);
    }
    return {
      iceState: this.agent.iceTransport.state,
      dtlsState: this.dtls.state,
      bytesReceived: this.agent.counters.bytesReceived,
      bytesSent: this.agent.counters.bytesSent,
      packetsReceived: this.agent.counters.packetsReceived,
      packetsSent: this.agent.counters.packetsSent,
      packetsLost,
      nacksReceived,
      rtpPacketsForwarded,
      ...(audioJitterMs !== undefined ? { audioJitterMs } : {}),
      ...(videoJitterMs !== undefined ? { videoJitterMs } : {}),
      ...(audioSendJitterMs !== undefined ? { audioSendJitterMs } : {}),
      ...(videoSendJitterMs !== undefined ? { videoSendJitterMs } : {}),
      ...(audioForwardJitterMs !== undefined ? { audioForwardJitterMs } : {}),
      ...(forwardDelay ? { forwardDelay } : {}),
      ...(audioReceiverJitterMs !== undefined ? { audioReceiverJitterMs } : {}),
      ...(videoReceiverJitterMs !== undefined ? { videoReceiverJitterMs } : {}),
      ...(receiverReports ? { receiverReports } : {}),
    };
  }

  get rejectedChecks(): number {
    return this.agent.counters.rejectedChecks;
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(reason: CloseReason = 'closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.dtlsReady = false;
    this.context.liveness.forget(this.id);
    for (const consumer of [...this.consumersBySsrc.values()]) consumer.close();
    for (const producer of [...this.producersBySsrc.values()]) producer.close();
    void this.dtls.stop().catch(() => {});
    void this.agent.close();
    this.context.onTransportClosed(this);
    for (const listener of [...this.closeListeners]) listener(reason);
    this.closeListeners.clear();
  }
}
