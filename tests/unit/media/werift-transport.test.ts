// The embedded SFU's transport on real UDP sockets (127.0.0.1): forged ICE checks are ignored,
// signed ones are answered and nominate, and a transport that goes silent is closed with its
// producers and consumers.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMessage } from 'werift';
import { readMediaConfig } from '../../../server/media/config';
import { createWeriftMediaServer, type WeriftMediaServer, type WeriftRouter } from '../../../server/media/werift-media-server';
import type { WeriftTransport } from '../../../server/media/werift-transport';
import { bindingRequest, openBrowserSocket, sendFromBrowser } from './stun-fixtures';

const VP8_PRODUCE = {
  kind: 'video' as const,
  rtpParameters: {
    codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
    encodings: [{ ssrc: 1234 }],
  },
};

describe('WeriftTransport', () => {
  let server: WeriftMediaServer;
  let router: WeriftRouter;
  let browser: Socket;
  const answers: Buffer[] = [];

  beforeEach(async () => {
    server = await createWeriftMediaServer(
      readMediaConfig({ MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_MIN_PORT: '47000', MEDIA_MAX_PORT: '47999', MEDIA_LIVENESS_TIMEOUT_MS: '1000' }),
    );
    router = await server.createRouter();
    answers.length = 0;
    browser = await openBrowserSocket((data) => answers.push(data));
  });

  afterEach(async () => {
    await server.close();
    browser.close();
  });

  const send = (transport: WeriftTransport, datagram: Buffer) => sendFromBrowser(browser, transport, datagram);
  const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

  it('offers ICE-lite parameters, one host candidate in the port range and DTLS fingerprints', async () => {
    const transport = await router.createWebRtcTransport();
    expect(transport.iceParameters.iceLite).toBe(true);
    expect(transport.iceCandidates).toHaveLength(1);
    expect(transport.iceCandidates[0]).toMatchObject({ ip: '127.0.0.1', address: '127.0.0.1', protocol: 'udp', type: 'host' });
    expect(transport.iceCandidates[0]!.port).toBeGreaterThanOrEqual(47000);
    expect(transport.iceCandidates[0]!.port).toBeLessThanOrEqual(47999);
    expect(transport.dtlsParameters.fingerprints[0]!.algorithm).toBe('sha-256');
  });

  it('ignores a forged check and answers a signed one', async () => {
    const transport = await router.createWebRtcTransport();
    const { usernameFragment, password } = transport.iceParameters;

    await send(transport, bindingRequest({ username: `${usernameFragment}:evil`, useCandidate: true }));
    await send(transport, bindingRequest({ username: `${usernameFragment}:evil`, password: 'not-the-password-at-all', useCandidate: true }));
    await send(transport, bindingRequest({ username: `zzzz:evil`, password, useCandidate: true }));
    await settle();
    expect(answers).toHaveLength(0);
    expect(transport.rejectedChecks).toBe(3);
    expect((await transport.getStats()).iceState).not.toBe('connected');

    await send(transport, bindingRequest({ username: `${usernameFragment}:brws`, password, useCandidate: true }));
    await settle();
    expect(answers).toHaveLength(1);
    // The answer is signed with the transport's password and tells us our address.
    const answer = parseMessage(answers[0]!, Buffer.from(password, 'utf8'));
    expect(answer).toBeDefined();
    expect(answer!.getAttributeValue('XOR-MAPPED-ADDRESS')).toEqual(['127.0.0.1', browser.address().port]);
    expect((await transport.getStats()).iceState).toBe('connected');
  });

  it('selects the path of the first signed check at once, before the browser nominates it', async () => {
    // Chrome sends its DTLS ClientHello as soon as one check is answered, often seconds before it
    // nominates; the transport must take that data from the checked address right away.
    const transport = await router.createWebRtcTransport();
    const { usernameFragment, password } = transport.iceParameters;
    await send(transport, bindingRequest({ username: `${usernameFragment}:brws`, password }));
    await settle();
    expect((await transport.getStats()).iceState).toBe('connected');
    const before = (await transport.getStats()).packetsReceived;
    await send(transport, Buffer.from([22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    await settle(100);
    expect((await transport.getStats()).packetsReceived).toBe(before + 1);
  });

  it('moves the selection to the address the browser nominates, and drops data from the old one', async () => {
    const transport = await router.createWebRtcTransport();
    const { usernameFragment, password } = transport.iceParameters;
    await send(transport, bindingRequest({ username: `${usernameFragment}:brws`, password }));
    await settle(100);
    const other = createSocket('udp4');
    await new Promise<void>((resolve) => other.bind(0, '127.0.0.1', () => resolve()));
    try {
      const fromOther = (datagram: Buffer) =>
        new Promise<void>((resolve) => other.send(datagram, transport.iceCandidates[0]!.port, '127.0.0.1', () => resolve()));
      await fromOther(bindingRequest({ username: `${usernameFragment}:brws`, password, useCandidate: true }));
      await settle(100);
      const dtlsRecord = Buffer.from([22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      const before = (await transport.getStats()).packetsReceived;
      await send(transport, dtlsRecord);
      await settle(100);
      expect((await transport.getStats()).packetsReceived).toBe(before);
      await fromOther(dtlsRecord);
      await settle(100);
      expect((await transport.getStats()).packetsReceived).toBe(before + 1);
    } finally {
      other.close();
    }
  });

  it('closes a transport that goes silent, with its producers and consumers', async () => {
    const sending = await router.createWebRtcTransport();
    const receiving = await router.createWebRtcTransport();
    const producer = await sending.produce(VP8_PRODUCE);
    const consumer = await receiving.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    const reasons: string[] = [];
    sending.onClose((reason) => reasons.push(reason));
    let consumerClosed = false;
    consumer.onClose(() => (consumerClosed = true));

    // One signed check starts the liveness clock; then the "browser" vanishes.
    const { usernameFragment, password } = sending.iceParameters;
    await send(sending, bindingRequest({ username: `${usernameFragment}:brws`, password, useCandidate: true }));
    await settle(200);
    expect(sending.closed).toBe(false);
    await settle(1800);
    expect(reasons).toEqual(['dead']);
    expect(sending.closed).toBe(true);
    expect(producer.closed).toBe(true);
    expect(consumerClosed).toBe(true);
    expect(router.getProducer(producer.id)).toBeUndefined();
    // The receiving transport never heard from a browser: idle, not dead.
    expect(receiving.closed).toBe(false);
  });

  it('keeps a transport alive while its browser keeps checking', async () => {
    const transport = await router.createWebRtcTransport();
    const { usernameFragment, password } = transport.iceParameters;
    for (let i = 0; i < 8; i++) {
      await send(transport, bindingRequest({ username: `${usernameFragment}:brws`, password }));
      await settle(250);
    }
    expect(transport.closed).toBe(false);
  });

  it('gives every consumer of a transport its own MID, never reused after a consumer closes', async () => {
    const sending = await router.createWebRtcTransport();
    const receiving = await router.createWebRtcTransport();
    const producer = await sending.produce(VP8_PRODUCE);
    const first = await receiving.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    const second = await receiving.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    first.close();
    const third = await receiving.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    const mids = [first, second, third].map((consumer) => consumer.rtpParameters.mid);
    expect(new Set(mids).size).toBe(3);
    expect(mids.every((mid) => typeof mid === 'string')).toBe(true);
    const ssrcs = [first, second, third].map((consumer) => consumer.rtpParameters.encodings?.[0]?.ssrc);
    expect(new Set(ssrcs).size).toBe(3);
  });

  it('refuses producers the router cannot route and consumers the device cannot decode', async () => {
    const transport = await router.createWebRtcTransport();
    await expect(
      transport.produce({ kind: 'video', rtpParameters: { codecs: [{ mimeType: 'video/H265', payloadType: 98, clockRate: 90000 }], encodings: [{ ssrc: 9 }] } }),
    ).rejects.toThrow();
    await expect(
      transport.produce({ ...VP8_PRODUCE, rtpParameters: { ...VP8_PRODUCE.rtpParameters, encodings: [{ ssrc: 1 }, { ssrc: 2 }] } }),
    ).rejects.toThrow();
    const producer = await transport.produce(VP8_PRODUCE);
    const audioOnly = { codecs: router.rtpCapabilities.codecs!.filter((codec) => codec.kind === 'audio') };
    expect(router.canConsume({ producerId: producer.id, rtpCapabilities: audioOnly })).toBe(false);
    expect(router.canConsume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities })).toBe(true);
  });
});
