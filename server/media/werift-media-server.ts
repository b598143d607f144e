// The embedded SFU: a MediaServer whose routers forward RTP between WebRTC transports built on
// werift's ICE and DTLS/SRTP layers. One certificate for all transports; one liveness monitor.
import { randomUUID } from 'node:crypto';
import { RTCDtlsTransport, type RTCCertificate } from 'werift';
import type { TRtpCapabilities } from '../../shared/protocol/media-schemas';
import type { MediaConfig } from './config';
import { LivenessMonitor } from './liveness-monitor';
import type { MediaRouter, MediaServer } from './media-server';
import { buildRouterRtpCapabilities, canConsumeProduced } from './router-capabilities';
import { UdpPortPool } from './udp-port-pool';
import type { WeriftProducer } from './werift-producer';
import { WeriftTransport } from './werift-transport';

class WeriftRouter implements MediaRouter {
  readonly id = randomUUID();
  readonly rtpCapabilities: TRtpCapabilities;
  readonly simulcast = false;
  private readonly producers = new Map<string, WeriftProducer>();
  readonly transports = new Map<string, WeriftTransport>();
  private readonly liveness: LivenessMonitor;
  private readonly cname = `saksi-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly config: MediaConfig,
    private readonly certificate: RTCCertificate,
    private readonly ports: UdpPortPool,
    private readonly onClosed: (router: WeriftRouter) => void,
  ) {
    this.rtpCapabilities = buildRouterRtpCapabilities(config.startBitrateKbps);
    this.liveness = new LivenessMonitor({
      timeoutMs: config.livenessTimeoutMs,
      onDead: (id) => this.transports.get(id)?.close('dead'),
    });
  }

  async createWebRtcTransport(): Promise<WeriftTransport> {
    const transport = await WeriftTransport.create({
      listenIp: this.config.listenIp,
      announcedIp: this.config.announcedIp,
      certificate: this.certificate,
      ports: this.ports,
      liveness: this.liveness,
      routerCapabilities: this.rtpCapabilities,
      cname: this.cname,
      findProducer: (id) => this.producers.get(id),
      registerProducer: (producer) => {
        this.producers.set(producer.id, producer);
        producer.onClose(() => this.producers.delete(producer.id));
      },
      onTransportClosed: (closed) => this.transports.delete(closed.id),
    });
    this.transports.set(transport.id, transport);
    return transport;
  }

  canConsume({ producerId, rtpCapabilities }: { producerId: string; rtpCapabilities: TRtpCapabilities }): boolean {
    return canConsumeProduced(this.rtpCapabilities, this.producers.get(producerId)?.rtpParameters, rtpCapabilities);
  }

  getProducer(producerId: string): WeriftProducer | undefined {
    return this.producers.get(producerId);
  }

  /** No speaker detection in the embedded SFU: the console falls back to the browser's audio levels. */
  onActiveSpeaker(): () => void {
    return () => {};
  }

  /** Packets forwarded by every producer of this router since it was created (for the bench). */
  get packetsForwarded(): number {
    let total = 0;
    for (const producer of this.producers.values()) total += producer.packetsForwarded;
    return total;
  }

  async close(): Promise<void> {
    for (const transport of [...this.transports.values()]) transport.close();
    this.liveness.close();
    this.onClosed(this);
  }
}

export type { WeriftRouter };

export interface WeriftMediaServer extends MediaServer {
  createRouter(): Promise<WeriftRouter>;
}

export async function createWeriftMediaServer(config: MediaConfig): Promise<WeriftMediaServer> {
  // ECDSA P-256, created once per process by werift and shared by every transport.
  const certificate = await RTCDtlsTransport.SetupCertificate();
  const ports = new UdpPortPool(config.listenIp, config.minPort, config.maxPort);
  const routers = new Set<WeriftRouter>();
  return {
    async createRouter() {
      const router = new WeriftRouter(config, certificate, ports, (closed) => routers.delete(closed));
      routers.add(router);
      return router;
    },
    async close() {
      await Promise.all([...routers].map((router) => router.close()));
    },
  };
}
