// Real STUN Binding requests built with werift's encoder, as Chrome would send them (or forge them).
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
