// Media signaling over real Socket.IO connections to the real server: validation, roles, the
// stage following the signing desk, and organizer controls. No browser; transports are created
// but never connected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaStateView } from '../../../shared/protocol/media-events';
import { connect, must, request, waitFor, type ClientSocket } from '../../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../../support/test-server';

describe('media signaling', () => {
  let server: TestServer;
  let organizer: ClientSocket;
  let pandeglang: ClientSocket;
  let makassar: ClientSocket;
  let observer: ClientSocket;

  const official = async (roomId: string) => {
    const link = server.links.rooms.find((room) => room.roomId === roomId)!;
    return (await connect(server.url, server.ceremonyId, tokenFromLink(link.url))).socket;
  };

  beforeAll(async () => {
    server = await startTestServer({ media: true, env: { MEDIA_MIN_PORT: '46000', MEDIA_MAX_PORT: '46999' } });
    organizer = (await connect(server.url, server.ceremonyId, server.organizerToken)).socket;
    pandeglang = await official('pandeglang');
    makassar = await official('makassar');
    observer = (await connect(server.url, server.ceremonyId)).socket;
  });

  afterAll(async () => {
    for (const socket of [organizer, pandeglang, makassar, observer]) socket?.close();
    await server?.close();
  });

  it('refuses media requests before media:join and malformed payloads', async () => {
    const early = await request(observer, 'media:createTransport', { direction: 'recv' });
    expect(early.ok === false && early.error.code).toBe('MEDIA_NOT_JOINED');
    const malformed = await request(observer, 'media:join', { extra: true } as never);
    expect(malformed.ok === false && malformed.error.code).toBe('INVALID_PAYLOAD');
    const wrongDirection = await request(observer, 'media:createTransport', { direction: 'sideways' } as never);
    expect(wrongDirection.ok === false && wrongDirection.error.code).toBe('INVALID_PAYLOAD');
  });

  it('lets officials publish and keeps observers and organizers watch-only', async () => {
    const joined = await must(pandeglang, 'media:join', {});
    expect(joined.canProduce).toBe(true);
    expect(joined.routerRtpCapabilities.codecs?.map((codec) => codec.mimeType)).toEqual(['audio/opus', 'video/VP8']);
    const send = await must(pandeglang, 'media:createTransport', { direction: 'send' });
    expect(send.iceParameters.iceLite).toBe(true);
    expect(send.iceCandidates[0]).toMatchObject({ ip: '127.0.0.1', protocol: 'udp' });
    expect(send.iceCandidates[0]!.port).toBeGreaterThanOrEqual(46000);
    expect(send.iceCandidates[0]!.port).toBeLessThanOrEqual(46999);

    expect((await must(observer, 'media:join', {})).canProduce).toBe(false);
    const observerSend = await request(observer, 'media:createTransport', { direction: 'send' });
    expect(observerSend.ok === false && observerSend.error.code).toBe('FORBIDDEN');
    expect((await must(organizer, 'media:join', {})).canProduce).toBe(false);
    const organizerSend = await request(organizer, 'media:createTransport', { direction: 'send' });
    expect(organizerSend.ok === false && organizerSend.error.code).toBe('FORBIDDEN');
  });

  it('announces a producer to the organizer, and to others only once its room is on the stage', async () => {
    const send = await must(pandeglang, 'media:createTransport', { direction: 'send' });
    const organizerSees = waitFor(organizer, 'media:state', (state) => state.producers.some((p) => p.roomId === 'pandeglang'));
    const { producerId } = await must(pandeglang, 'media:produce', {
      transportId: send.id,
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }], encodings: [{ ssrc: 4242 }] },
    });
    expect((await organizerSees)[0].producers).toContainEqual({ producerId, roomId: 'pandeglang', kind: 'video', paused: false });

    // makassar is not on the stage: it may neither see nor consume pandeglang yet.
    await must(makassar, 'media:join', {});
    const recv = await must(makassar, 'media:createTransport', { direction: 'recv' });
    const caps = (await must(makassar, 'media:join', {})).routerRtpCapabilities;
    const recvAgain = await must(makassar, 'media:createTransport', { direction: 'recv' });
    const refused = await request(makassar, 'media:consume', { transportId: recvAgain.id, producerId, rtpCapabilities: caps });
    expect(refused.ok === false && refused.error.code).toBe('FORBIDDEN');
    // The transport of the session makassar replaced by re-joining is gone.
    const stale = await request(makassar, 'media:consume', { transportId: recv.id, producerId, rtpCapabilities: caps });
    expect(stale.ok === false && stale.error.code).toBe('NOT_FOUND');

    // The organizer puts pandeglang on the stage: makassar and the observer now see it.
    const observerSees = waitFor(observer, 'media:state', (state: MediaStateView) => state.featuredRoomIds.includes('pandeglang'));
    await must(organizer, 'media:setStage', { roomIds: ['pandeglang'] });
    expect((await observerSees)[0].producers.map((p) => p.producerId)).toContain(producerId);
    const consumer = await must(makassar, 'media:consume', { transportId: recvAgain.id, producerId, rtpCapabilities: caps });
    expect(consumer).toMatchObject({ producerId, kind: 'video', roomId: 'pandeglang' });
    expect(consumer.rtpParameters.codecs[0]).toMatchObject({ mimeType: 'video/VP8', payloadType: 101 });
    expect(consumer.rtpParameters.encodings?.[0]?.ssrc).toEqual(expect.any(Number));

    // Taking it off the stage closes makassar's consumer.
    const closed = waitFor(makassar, 'media:consumerClosed', (event) => event.consumerId === consumer.id);
    await must(organizer, 'media:setStage', { roomIds: [] });
    await closed;
  });

  it('lets only organizers mute rooms, set the stage and read stats', async () => {
    const mute = await request(pandeglang, 'media:muteRooms', { kind: 'audio' });
    expect(mute.ok === false && mute.error.code).toBe('FORBIDDEN');
    const stage = await request(observer, 'media:setStage', { roomIds: ['makassar'] });
    expect(stage.ok === false && stage.error.code).toBe('FORBIDDEN');
    const unknown = await request(organizer, 'media:setStage', { roomIds: ['atlantis'] });
    expect(unknown.ok === false && unknown.error.code).toBe('NOT_FOUND');

    const told = waitFor(pandeglang, 'media:producerPaused', (event) => event.kind === 'video' && event.byOrganizer);
    expect((await must(organizer, 'media:muteRooms', { kind: 'video', roomId: 'pandeglang' })).paused).toBe(1);
    await told;
    const stats = await must(organizer, 'media:getStats', {});
    expect(stats.some((row) => row.roomId === 'pandeglang' && row.direction === 'send')).toBe(true);
    expect(stats.every((row) => row.bytesReceived >= 0 && row.packetsLost >= 0)).toBe(true);
  });

  it('puts the rooms of a called agreement on the stage', async () => {
    await must(organizer, 'ceremony:openLobby', {});
    await must(organizer, 'ceremony:startSigning', {});
    // K-004: PMDN in makassar with an UMKM in the stage room.
    const featured = waitFor(observer, 'media:state', (state) => state.featuredRoomIds.includes('makassar'));
    await must(organizer, 'agreement:call', { agreementIds: ['K-004'] });
    const [state] = await featured;
    expect(state.featuredRoomIds).toEqual(['makassar']);
    expect(state.stageRoomId).toBe('istana');
  });

  it('closes a consumer the console no longer shows (another gallery page), on request only', async () => {
    const send = await must(pandeglang, 'media:createTransport', { direction: 'send' });
    const { producerId } = await must(pandeglang, 'media:produce', {
      transportId: send.id,
      kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4343 }] },
    });
    const caps = (await must(organizer, 'media:join', {})).routerRtpCapabilities;
    const recv = await must(organizer, 'media:createTransport', { direction: 'recv' });
    const consumer = await must(organizer, 'media:consume', { transportId: recv.id, producerId, rtpCapabilities: caps, layer: 'low' });
    const badLayer = await request(organizer, 'media:consume', { transportId: recv.id, producerId, rtpCapabilities: caps, layer: 'huge' } as never);
    expect(badLayer.ok === false && badLayer.error.code).toBe('INVALID_PAYLOAD');
    // Nobody else may close it: consumer ids are per socket.
    const foreign = await request(observer, 'media:closeConsumer', { consumerId: consumer.id });
    expect(foreign.ok === false && foreign.error.code).toBe('NOT_FOUND');
    const closed = waitFor(organizer, 'media:consumerClosed', (event) => event.consumerId === consumer.id);
    await must(organizer, 'media:closeConsumer', { consumerId: consumer.id });
    await closed;
    const again = await request(organizer, 'media:closeConsumer', { consumerId: consumer.id });
    expect(again.ok === false && again.error.code).toBe('NOT_FOUND');
    const odd = await request(organizer, 'media:closeConsumer', { consumerId: 'toString' });
    expect(odd.ok === false && odd.error.code).toBe('NOT_FOUND');
  });

  it('closes a peer\'s producers when its socket goes away', async () => {
    const gone = waitFor(organizer, 'media:state', (state) => !state.producers.some((p) => p.roomId === 'pandeglang'));
    pandeglang.close();
    await gone;
  });
  it('closes the ceremony\'s router when the last media peer leaves, and opens a new one on the next join', async () => {
    // A lone peer joining again replaces its session; that is not the ceremony emptying.
    await must(observer, 'media:join', {});
    for (const socket of [organizer, makassar]) await must(socket, 'media:leave', {});
    await must(observer, 'media:join', {});
    expect((await must(observer, 'media:createTransport', { direction: 'recv' })).id).toEqual(expect.any(String));
    expect((await must(organizer, 'media:getStats', {})).length).toBe(1);
    await must(observer, 'media:leave', {});
    // Nobody left: the router is gone, and stats do not open a new one.
    expect(await must(organizer, 'media:getStats', {})).toEqual([]);
    const again = await must(makassar, 'media:join', {});
    expect(again.state.producers).toEqual([]);
    expect(again.simulcast).toBe(false);
    await must(makassar, 'media:createTransport', { direction: 'recv' });
    expect((await must(organizer, 'media:getStats', {})).map((row) => row.roomId)).toEqual(['makassar']);
  });
});
