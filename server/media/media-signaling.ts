// The media:* handlers of one socket. Each validates its payload, checks the caller's role, and
// acts through the ceremony's MediaCeremony. Identity comes from the authenticated socket only.
import type { MediaConsumerOptions, MediaTransportOptions } from '../../shared/protocol/media-events';
import {
  ZConnectTransportPayloadSchema,
  ZConsumePayloadSchema,
  ZConsumerPayloadSchema,
  ZCreateTransportPayloadSchema,
  ZMediaEmptyPayloadSchema,
  ZMediaJoinPayloadSchema,
  ZMuteRoomsPayloadSchema,
  ZProducePayloadSchema,
  ZSetProducerPausedPayloadSchema,
  ZSetStagePayloadSchema,
} from '../../shared/protocol/media-schemas';
import type { SaksiSocket } from '../realtime/types';
import { runAcked } from './media-ack';
import type { MediaCeremony, MediaPeer } from './media-ceremony';
import { MediaError } from './media-errors';

/** At most this many transports per socket: a send and a recv, plus room for a rebuild. */
const MAX_TRANSPORTS_PER_PEER = 4;
/** An official publishes one camera and one microphone; a little slack for republishing. */
const MAX_PRODUCERS_PER_PEER = 4;

export interface MediaSignalingContext {
  ceremonyFor(ceremonyId: string): Promise<MediaCeremony>;
  /** The ceremony's media if some peer has it open (stats must not open a router). */
  existingCeremony(ceremonyId: string): Promise<MediaCeremony | undefined>;
  onInternalError(error: unknown): void;
}

export function attachMediaHandlers(socket: SaksiSocket, context: MediaSignalingContext): void {
  const identity = socket.data.identity;
  let joined: { ceremony: MediaCeremony; peer: MediaPeer } | undefined;
  const run = context.onInternalError;

  const session = () => {
    if (!joined || !joined.ceremony.peers.has(socket.id)) throw new MediaError('MEDIA_NOT_JOINED', 'media:join first');
    return joined;
  };
  const requireOrganizer = () => {
    if (identity.role !== 'organizer') throw new MediaError('FORBIDDEN', 'organizer only');
  };
  const transportOf = (peer: MediaPeer, transportId: string) => {
    const entry = peer.transports.get(transportId);
    if (!entry) throw new MediaError('NOT_FOUND', 'unknown transport');
    return entry;
  };

  socket.on('media:join', (payload, ack) =>
    runAcked(ZMediaJoinPayloadSchema, payload, ack, async () => {
      let ceremony: MediaCeremony | undefined;
      try {
        // The last peer leaving closes a ceremony's router; a join that raced with that close
        // asks again and gets a fresh one (addPeer below runs before any other await).
        for (let attempt = 0; attempt < 3 && (!ceremony || ceremony.closed); attempt++) {
          ceremony = await context.ceremonyFor(identity.ceremonyId);
        }
      } catch (error) {
        run(error);
        throw new MediaError('MEDIA_UNAVAILABLE', 'media server unavailable');
      }
      if (!ceremony || ceremony.closed) throw new MediaError('MEDIA_UNAVAILABLE', 'media server unavailable');
      // Joining again (a client rebuilding its session) starts from a clean slate.
      const peer = ceremony.addPeer(socket);
      joined = { ceremony, peer };
      ceremony.broadcastState();
      return {
        routerRtpCapabilities: ceremony.router.rtpCapabilities,
        canProduce: identity.role === 'official' && identity.roomId !== undefined,
        simulcast: ceremony.router.simulcast,
        state: ceremony.stateFor(identity),
      };
    }, run),
  );

  socket.on('media:createTransport', (payload, ack) =>
    runAcked(ZCreateTransportPayloadSchema, payload, ack, async ({ direction }): Promise<MediaTransportOptions> => {
      const { ceremony, peer } = session();
      if (direction === 'send' && identity.role !== 'official') throw new MediaError('FORBIDDEN', 'watch only');
      if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) throw new MediaError('RATE_LIMITED', 'too many transports');
      // A room's transports stay together; watchers spread (see MediaRouter.createWebRtcTransport).
      const transport = await ceremony.router.createWebRtcTransport(identity.roomId ? { group: identity.roomId } : {});
      if (ceremony.peers.get(socket.id) !== peer) {
        transport.close();
        throw new MediaError('MEDIA_NOT_JOINED', 'peer left');
      }
      peer.transports.set(transport.id, { transport, direction });
      transport.onClose((reason) => {
        peer.transports.delete(transport.id);
        if (reason === 'dead') {
          socket.emit('media:transportClosed', { transportId: transport.id, reason });
          ceremony.broadcastState();
        }
      });
      return {
        id: transport.id,
        iceParameters: transport.iceParameters,
        iceCandidates: transport.iceCandidates,
        dtlsParameters: transport.dtlsParameters,
      };
    }, run),
  );

  socket.on('media:connectTransport', (payload, ack) =>
    runAcked(ZConnectTransportPayloadSchema, payload, ack, async ({ transportId, dtlsParameters }) => {
      const { peer } = session();
      const { transport } = transportOf(peer, transportId);
      try {
        await transport.connect({ dtlsParameters });
      } catch {
        throw new MediaError('INVALID_PHASE', 'transport cannot be connected');
      }
      return {};
    }, run),
  );

  socket.on('media:produce', (payload, ack) =>
    runAcked(ZProducePayloadSchema, payload, ack, async ({ transportId, kind, rtpParameters, paused }) => {
      const { ceremony, peer } = session();
      const roomId = identity.roomId;
      if (identity.role !== 'official' || roomId === undefined) throw new MediaError('FORBIDDEN', 'officials only');
      const entry = transportOf(peer, transportId);
      if (entry.direction !== 'send') throw new MediaError('FORBIDDEN', 'not a send transport');
      if (peer.producers.size >= MAX_PRODUCERS_PER_PEER) throw new MediaError('RATE_LIMITED', 'too many producers');
      let producer;
      try {
        producer = await entry.transport.produce({ kind, rtpParameters, paused });
      } catch {
        throw new MediaError('MEDIA_REJECTED', 'cannot produce');
      }
      peer.producers.set(producer.id, { producer, roomId, peer });
      producer.onClose(() => {
        peer.producers.delete(producer.id);
        ceremony.broadcastState();
      });
      ceremony.broadcastState();
      return { producerId: producer.id };
    }, run),
  );

  socket.on('media:consume', (payload, ack) =>
    runAcked(ZConsumePayloadSchema, payload, ack, async ({ transportId, producerId, rtpCapabilities, layer }): Promise<MediaConsumerOptions> => {
      const { ceremony, peer } = session();
      const entry = transportOf(peer, transportId);
      if (entry.direction !== 'recv') throw new MediaError('FORBIDDEN', 'not a recv transport');
      const source = ceremony.findProducer(producerId);
      if (!source) throw new MediaError('NOT_FOUND', 'unknown producer');
      if (!ceremony.canSee(identity, source.roomId)) throw new MediaError('FORBIDDEN', 'room not visible');
      if (!ceremony.canConsume(producerId, rtpCapabilities)) throw new MediaError('MEDIA_REJECTED', 'cannot consume');
      // Paused until the client has its track, then resumed with a keyframe request.
      let consumer;
      try {
        consumer = await entry.transport.consume({ producerId, rtpCapabilities, paused: true, layer: layer ?? 'high' });
      } catch {
        // The producer or the transport closed while the consumer was being made.
        throw new MediaError('MEDIA_REJECTED', 'cannot consume');
      }
      peer.consumers.set(consumer.id, { consumer, roomId: source.roomId });
      consumer.onClose(() => {
        peer.consumers.delete(consumer.id);
        if (ceremony.peers.get(socket.id) === peer) socket.emit('media:consumerClosed', { consumerId: consumer.id, producerId });
      });
      return {
        id: consumer.id,
        producerId,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters,
        roomId: source.roomId,
      };
    }, run),
  );

  socket.on('media:resumeConsumer', (payload, ack) =>
    runAcked(ZConsumerPayloadSchema, payload, ack, async ({ consumerId }) => {
      const { peer } = session();
      const entry = peer.consumers.get(consumerId);
      if (!entry) throw new MediaError('NOT_FOUND', 'unknown consumer');
      await entry.consumer.resume().catch(() => {
        throw new MediaError('NOT_FOUND', 'consumer closed');
      });
      return {};
    }, run),
  );

  socket.on('media:closeConsumer', (payload, ack) =>
    runAcked(ZConsumerPayloadSchema, payload, ack, ({ consumerId }) => {
      const { peer } = session();
      const entry = peer.consumers.get(consumerId);
      if (!entry) throw new MediaError('NOT_FOUND', 'unknown consumer');
      entry.consumer.close();
      return {};
    }, run),
  );

  socket.on('media:setProducerPaused', (payload, ack) =>
    runAcked(ZSetProducerPausedPayloadSchema, payload, ack, async ({ producerId, paused }) => {
      const { ceremony, peer } = session();
      const entry = peer.producers.get(producerId);
      if (!entry) throw new MediaError('NOT_FOUND', 'unknown producer');
      await (paused ? entry.producer.pause() : entry.producer.resume()).catch(() => {
        throw new MediaError('NOT_FOUND', 'producer closed');
      });
      ceremony.broadcastState();
      return { producerId, roomId: entry.roomId, kind: entry.producer.kind, paused: entry.producer.paused };
    }, run),
  );

  socket.on('media:leave', (payload, ack) =>
    runAcked(ZMediaEmptyPayloadSchema, payload, ack, () => {
      if (joined) joined.ceremony.closePeer(socket.id);
      joined = undefined;
      return {};
    }, run),
  );

  socket.on('media:muteRooms', (payload, ack) =>
    runAcked(ZMuteRoomsPayloadSchema, payload, ack, async ({ roomId, kind }) => {
      requireOrganizer();
      const { ceremony } = session();
      if (roomId !== undefined && !ceremony.roomIds.includes(roomId)) throw new MediaError('NOT_FOUND', 'unknown room');
      return { paused: await ceremony.pauseRooms(kind, roomId) };
    }, run),
  );

  socket.on('media:setStage', (payload, ack) =>
    runAcked(ZSetStagePayloadSchema, payload, ack, ({ roomIds }) => {
      requireOrganizer();
      const { ceremony } = session();
      const unknown = roomIds.filter((id) => !ceremony.roomIds.includes(id));
      if (unknown.length > 0) throw new MediaError('NOT_FOUND', 'unknown room');
      ceremony.setFeatured(roomIds);
      return ceremony.stateFor(identity);
    }, run),
  );

  socket.on('media:getStats', (payload, ack) =>
    runAcked(ZMediaEmptyPayloadSchema, payload, ack, async () => {
      requireOrganizer();
      // Organizers may read the counters without joining media themselves.
      return (await (await context.existingCeremony(identity.ceremonyId))?.collectStats()) ?? [];
    }, run),
  );

  socket.on('disconnect', () => {
    if (joined) joined.ceremony.closePeer(socket.id);
    joined = undefined;
  });
}
