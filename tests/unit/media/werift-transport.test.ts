// The embedded SFU's transport on real UDP sockets (127.0.0.1): forged ICE checks are ignored,
// signed ones are answered and nominate, and a transport that goes silent is closed with its
// producers and consumers. Nothing here sleeps: a datagram the transport drops without counting
// it is followed by one it counts (a forged check) from the same socket, and on loopback the
// transport reads one socket's datagrams in the order they were sent.
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
  const iceState = async (transport: WeriftTransport) => (await transport.getStats()).iceState;
  const packetsReceived = async (transport: WeriftTransport) => (await transport.getStats()).packetsReceived;
  /** A STUN message's transaction id: an answer carries its request's. */
  const transactionId = (message: Buffer) => message.subarray(8, 20).toString('hex');
  const DTLS_RECORD = Buffer.from([22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  /** Sends a forged check after whatever was sent before and waits until the transport has read it. */
  const flush = async (transport: WeriftTransport, via: (datagram: Buffer) => Promise<void>) => {
    const rejected = transport.rejectedChecks;
    await via(bindingRequest({ username: `${transport.iceParameters.usernameFragment}:flush` }));
    await expect.poll(() => transport.rejectedChecks, { timeout: 5000 }).toBe(rejected + 1);
  };

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
    await expect.poll(() => transport.rejectedChecks, { timeout: 5000 }).toBe(3);
    expect(await iceState(transport)).not.toBe('connected');

    const signed = bindingRequest({ username: `${usernameFragment}:brws`, password, useCandidate: true });
    await send(transport, signed);
    await expect.poll(() => answers.length, { timeout: 5000 }).toBeGreaterThan(0);
    // The first answer is the signed check's: an answer to a forged one would have come first.
    expect(transactionId(answers[0]!)).toBe(transactionId(signed));
    // The answer is signed with the transport's password and tells us our address.
    const answer = parseMessage(answers[0]!, Buffer.from(password, 'utf8'));
    expect(answer).toBeDefined();
    expect(answer!.getAttributeValue('XOR-MAPPED-ADDRESS')).toEqual(['127.0.0.1', browser.address().port]);
    await expect.poll(() => iceState(transport), { timeout: 5000 }).toBe('connected');
    expect(answers).toHaveLength(1);
  });

  it('selects the path of the first signed check at once, before the browser nominates it', async () => {
    // Chrome sends its DTLS ClientHello as soon as one check is answered, often seconds before it
    // nominates; the transport must take that data from the checked address right away.
    const transport = await router.createWebRtcTransport();
    const { usernameFragment, password } = transport.iceParameters;
    await send(transport, bindingRequest({ username: `${usernameFragment}:brws`, password }));
    await expect.poll(() => iceState(transport), { timeout: 5000 }).toBe('connected');
    const before = await packetsReceived(transport);
    await send(transport, DTLS_RECORD);
    await expect.poll(() => packetsReceived(transport), { timeout: 5000 }).toBe(before + 1);
  });

  it('moves the selection to the address the browser nominates, and drops data from the old one', async () => {
    const transport = await router.createWebRtcTransport();
    const { usernameFragment, password } = transport.iceParameters;
    await send(transport, bindingRequest({ username: `${usernameFragment}:brws`, password }));
    await expect.poll(() => iceState(transport), { timeout: 5000 }).toBe('connected');
    const other = createSocket('udp4');
    await new Promise<void>((resolve) => other.bind(0, '127.0.0.1', () => resolve()));
    try {
      const fromOther = (datagram: Buffer) =>
        new Promise<void>((resolve) => other.send(datagram, transport.iceCandidates[0]!.port, '127.0.0.1', () => resolve()));
      const nominating = bindingRequest({ username: `${usernameFragment}:brws`, password, useCandidate: true });
      const answered = answers.length;
      await fromOther(nominating);
      await flush(transport, fromOther);
      const before = await packetsReceived(transport);
      // From the old address: dropped (uncounted), as the forged check behind it shows.
      await send(transport, DTLS_RECORD);
      await flush(transport, (datagram) => send(transport, datagram));
      expect(await packetsReceived(transport)).toBe(before);
      await fromOther(DTLS_RECORD);
      await expect.poll(() => packetsReceived(transport), { timeout: 5000 }).toBe(before + 1);
      expect(answers).toHaveLength(answered); // the nominating check was answered to the other socket
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
    await expect.poll(() => answers.length, { timeout: 5000 }).toBe(1);
    expect(sending.closed).toBe(false);
    await expect.poll(() => reasons, { timeout: 10_000 }).toEqual(['dead']);
    expect(sending.closed).toBe(true);
    expect(producer.closed).toBe(true);
    expect(consumerClosed).toBe(true);
    expect(router.getProducer(producer.id)).toBeUndefined();
    // The receiving transport never heard from a browser: idle, not dead.
    expect(receiving.closed).toBe(false);
  });

  it('keeps a transport alive while its browser keeps checking', async () => {
    // Two transports hear one check each; only one keeps hearing them (as Chrome sends them, a
    // few a second). When the silent one is declared dead, the liveness timeout has passed.
    const checked = await router.createWebRtcTransport();
    const silent = await router.createWebRtcTransport();
    const check = (transport: WeriftTransport) =>
      send(transport, bindingRequest({ username: `${transport.iceParameters.usernameFragment}:brws`, password: transport.iceParameters.password }));
    await check(silent);
    await check(checked);
    const browserChecks = setInterval(() => void check(checked), 200);
    try {
      await expect.poll(() => silent.closed, { timeout: 10_000 }).toBe(true);
    } finally {
      clearInterval(browserChecks);
    }
    expect(checked.closed).toBe(false);
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
