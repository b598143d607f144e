// An ICE-lite agent on werift's Connection, bound to one UDP socket we own. werift's own gathering
// enumerates every interface and binds through a racy port search, so the host candidate is built
// here instead (listen IP bound, announced IP advertised) and werift only answers checks and
// carries data. Every datagram is screened before werift sees it (see ice-check-verifier.ts).
import type { Socket } from 'node:dgram';
import {
  Candidate,
  CandidatePairState,
  RTCIceGatherer,
  RTCIceParameters,
  RTCIceTransport,
  StunProtocol,
  candidateFoundation,
  candidatePriority,
} from 'werift';
import { checkNominates, verifyIceCheck } from './ice-check-verifier';

type Address = readonly [string, number];

export interface IceLiteCounters {
  bytesReceived: number;
  packetsReceived: number;
  bytesSent: number;
  packetsSent: number;
  rejectedChecks: number;
}

export interface IceLiteAgent {
  readonly iceTransport: RTCIceTransport;
  readonly usernameFragment: string;
  readonly password: string;
  readonly port: number;
  readonly counters: IceLiteCounters;
  /** performance.now() when the datagram being handled now (or last) was read off the socket. */
  readonly readAt: number;
  close(): Promise<void>;
}

/** The parts of werift's Connection that are private in its typings but needed to adopt a socket. */
interface ConnectionInternals {
  protocols: StunProtocol[];
  localCandidatesStart: boolean;
  localCandidatesEnd: boolean;
  ensureProtocol(protocol: StunProtocol): void;
  appendLocalCandidate(candidate: Candidate): void;
  checkComplete(pair: RTCIceGatherer['connection']['checkList'][number]): void;
}
interface StunProtocolInternals {
  datagramReceived(data: Buffer, addr: Address): void;
}

export function createIceLiteAgent(options: {
  socket: Socket;
  listenIp: string;
  announcedIp: string;
  /** Called for each datagram let through: a signed check, or data from the selected address. */
  onAccepted(kind: 'check' | 'data'): void;
}): IceLiteAgent {
  const { socket } = options;
  const port = socket.address().port;
  const gatherer = new RTCIceGatherer({ iceLite: true, useIpv4: true, useIpv6: false });
  const connection = gatherer.connection;
  const internals = connection as unknown as ConnectionInternals;
  const counters: IceLiteCounters = {
    bytesReceived: 0,
    packetsReceived: 0,
    bytesSent: 0,
    packetsSent: 0,
    rejectedChecks: 0,
  };

  let closed = false;
  const protocol = new StunProtocol();
  // StunProtocol only needs send/close/address/closed from its transport.
  protocol.transport = {
    get closed() {
      return closed;
    },
    get address() {
      return socket.address();
    },
    onData: () => {},
    send: (data: Buffer, addr: Address) =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        counters.bytesSent += data.length;
        counters.packetsSent++;
        socket.send(data, addr[1], addr[0], () => resolve());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        socket.close(() => resolve());
      }),
  } as unknown as StunProtocol['transport'];
  protocol.localIp = options.listenIp;
  protocol.localCandidate = new Candidate(
    candidateFoundation('host', 'udp', options.announcedIp),
    1,
    'udp',
    candidatePriority('host', { transport: 'udp' }),
    options.announcedIp,
    port,
    'host',
    undefined,
    undefined,
    undefined,
    connection.generation,
    connection.localUsername,
  );
  internals.ensureProtocol(protocol);
  internals.protocols.push(protocol);
  internals.appendLocalCandidate(protocol.localCandidate);
  internals.localCandidatesStart = true;
  internals.localCandidatesEnd = true;
  gatherer.setGatheringState('complete');

  // As mediasoup's ICE-lite server does, the first signed check selects its path at once and a
  // later USE-CANDIDATE from another address moves the selection. Chrome starts DTLS as soon as one
  // check is answered, often seconds before it nominates; while werift waited for USE-CANDIDATE the
  // ClientHello was dropped, and Chrome's retransmissions back off (about 1, 2, 4, 8, 16 s), so
  // under load a transport could sit in 'connecting' for up to ~30 s.
  const sameAddress = (a: Address, b: Address) => a[0] === b[0] && a[1] === b[1];
  const selectPath = (addr: Address, nominates: boolean) => {
    const current = connection.nominated;
    if (current && (!nominates || sameAddress(current.remoteAddr, addr))) return;
    const pair = connection.checkList.find((candidate) => sameAddress(candidate.remoteAddr, addr));
    // No pair yet: werift queued the check as an early one; the next check selects.
    if (!pair) return;
    if (current) connection.resetNominatedPair();
    // The same steps werift takes for a USE-CANDIDATE check in ICE-lite mode.
    pair.remoteNominated = true;
    pair.nominated = true;
    pair.updateState(CandidatePairState.SUCCEEDED);
    internals.checkComplete(pair);
  };

  const credentials = { usernameFragment: connection.localUsername, password: connection.localPassword };
  const receive = protocol as unknown as StunProtocolInternals;
  let readAt = 0;
  socket.on('message', (data, rinfo) => {
    if (closed) return;
    // Everything werift does with this datagram (DTLS, SRTP, our routing) runs synchronously from
    // here, so the forwarding delay of its RTP is measured from this moment.
    readAt = performance.now();
    const addr: Address = [rinfo.address, rinfo.port];
    const verdict = verifyIceCheck(data, credentials);
    if (verdict === 'rejected') {
      counters.rejectedChecks++;
      return;
    }
    if (verdict === 'not-stun') {
      // DTLS/SRTP only from the selected address (see selectPath); SRTP is authenticated anyway, but
      // strangers must not keep a dead transport alive or feed the DTLS state machine.
      const selected = connection.nominated?.remoteAddr;
      if (!selected || selected[0] !== addr[0] || selected[1] !== addr[1]) return;
    }
    counters.bytesReceived += data.length;
    counters.packetsReceived++;
    options.onAccepted(verdict === 'valid-check' ? 'check' : 'data');
    receive.datagramReceived(data, addr);
    if (verdict === 'valid-check') selectPath(addr, checkNominates(data));
  });
  socket.on('error', () => {
    // A send to a vanished peer can surface as an ICMP error on some systems; liveness handles it.
  });

  const iceTransport = new RTCIceTransport(gatherer);
  // mediasoup-client never sends the browser's ICE credentials, and an ICE-lite agent does not
  // need them (it only answers checks signed with its own password), but werift will not start
  // without remote parameters: give it placeholders and start at once so early checks are kept.
  iceTransport.setRemoteParams(
    new RTCIceParameters({ iceLite: false, usernameFragment: 'peer', password: 'unused-remote-password' }),
  );

  return {
    iceTransport,
    usernameFragment: credentials.usernameFragment,
    password: credentials.password,
    port,
    counters,
    get readAt() {
      return readAt;
    },
    async close() {
      await iceTransport.stop().catch(() => {});
      if (!closed) {
        closed = true;
        await new Promise<void>((resolve) => socket.close(() => resolve()));
      }
    },
  };
}
