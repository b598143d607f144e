// Real STUN Binding requests built with werift's encoder, as Chrome would send them (or forge them),
// and the UDP socket on 127.0.0.1 that stands in for the browser sending them.
import { createSocket, type Socket } from 'node:dgram';
import { Message, classes, methods } from 'werift';

export function bindingRequest(options: { username?: string; password?: string; useCandidate?: boolean }): Buffer {
  const message = new Message(methods.BINDING, classes.REQUEST);
  if (options.username !== undefined) message.setAttribute('USERNAME', options.username);
  message.setAttribute('PRIORITY', 1853824767);
  message.setAttribute('ICE-CONTROLLING', BigInt(42));
  if (options.useCandidate) message.setAttribute('USE-CANDIDATE', null);
  if (options.password !== undefined) message.addMessageIntegrity(Buffer.from(options.password, 'utf8'));
  message.addFingerprint();
  return message.bytes;
}

/** The "browser": a UDP socket on 127.0.0.1; every datagram the SFU sends it goes to `onAnswer`. */
export async function openBrowserSocket(onAnswer: (data: Buffer) => void): Promise<Socket> {
  const browser = createSocket('udp4');
  browser.on('message', onAnswer);
  await new Promise<void>((resolve) => browser.bind(0, '127.0.0.1', () => resolve()));
  return browser;
}

/** Sends a datagram from the "browser" to a transport's host candidate. */
export function sendFromBrowser(browser: Socket, transport: { iceCandidates: ReadonlyArray<{ port: number }> }, datagram: Buffer): Promise<void> {
  return new Promise<void>((resolve) => browser.send(datagram, transport.iceCandidates[0]!.port, '127.0.0.1', () => resolve()));
}
