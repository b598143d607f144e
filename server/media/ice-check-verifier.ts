// Guards werift's ICE-lite agent: werift answers any Binding request without checking USERNAME or
// MESSAGE-INTEGRITY, so a forged check (even unsigned, from any address) with USE-CANDIDATE would
// be answered and could redirect the transport. Every STUN datagram passes through here first;
// only Binding requests addressed to this transport's ufrag and signed with its password go on.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAGIC_COOKIE = 0x2112a442;
const HEADER_BYTES = 20;
const BINDING_REQUEST = 0x0001;
const ATTR_USERNAME = 0x0006;
const ATTR_MESSAGE_INTEGRITY = 0x0008;
const ATTR_USE_CANDIDATE = 0x0025;
const MESSAGE_INTEGRITY_BYTES = 20;

export interface IceCredentials {
  usernameFragment: string;
  password: string;
}

export type IceCheckVerdict =
  /** Not STUN at all (DTLS, SRTP, SRTCP): the caller decides by source address. */
  | 'not-stun'
  /** A Binding request for this transport with a valid signature. */
  | 'valid-check'
  /** STUN that must be dropped: malformed, not a request, foreign ufrag, bad or missing integrity. */
  | 'rejected';

/** RFC 7983 demultiplexing: STUN datagrams start with a byte in 0..3 and carry the magic cookie. */
export function isStunDatagram(datagram: Buffer): boolean {
  return (
    datagram.length >= HEADER_BYTES &&
    datagram[0]! <= 3 &&
    datagram.readUInt32BE(4) === MAGIC_COOKIE
  );
}

export function verifyIceCheck(datagram: Buffer, local: IceCredentials): IceCheckVerdict {
  if (!isStunDatagram(datagram)) return 'not-stun';
  const messageType = datagram.readUInt16BE(0);
  const declaredLength = datagram.readUInt16BE(2);
  if (messageType !== BINDING_REQUEST) return 'rejected';
  if (declaredLength % 4 !== 0 || HEADER_BYTES + declaredLength > datagram.length) return 'rejected';

  let username: string | undefined;
  let integrityOffset: number | undefined;
  let offset = HEADER_BYTES;
  const end = HEADER_BYTES + declaredLength;
  while (offset + 4 <= end) {
    const type = datagram.readUInt16BE(offset);
    const length = datagram.readUInt16BE(offset + 2);
    const valueStart = offset + 4;
    if (valueStart + length > end) return 'rejected';
    if (type === ATTR_USERNAME && username === undefined) {
      username = datagram.toString('utf8', valueStart, valueStart + length);
    } else if (type === ATTR_MESSAGE_INTEGRITY) {
      if (length !== MESSAGE_INTEGRITY_BYTES) return 'rejected';
      integrityOffset = offset;
      break; // attributes after MESSAGE-INTEGRITY (FINGERPRINT) are not covered by it
    }
    offset = valueStart + length + ((4 - (length % 4)) % 4);
  }
  if (username === undefined || integrityOffset === undefined) return 'rejected';

  // USERNAME is "<our ufrag>:<their ufrag>" for checks sent to us.
  const separator = username.indexOf(':');
  if (separator <= 0 || username.slice(0, separator) !== local.usernameFragment) return 'rejected';

  // The HMAC covers the header and attributes before MESSAGE-INTEGRITY, with the header's length
  // field set as if MESSAGE-INTEGRITY were the last attribute (RFC 5389 §15.4).
  const signed = Buffer.from(datagram.subarray(0, integrityOffset));
  signed.writeUInt16BE(integrityOffset + 4 + MESSAGE_INTEGRITY_BYTES - HEADER_BYTES, 2);
  const expected = createHmac('sha1', Buffer.from(local.password, 'utf8')).update(signed).digest();
  const actual = datagram.subarray(integrityOffset + 4, integrityOffset + 4 + MESSAGE_INTEGRITY_BYTES);
  return timingSafeEqual(expected, actual) ? 'valid-check' : 'rejected';
}

/**
 * Whether a check (already verified) carries USE-CANDIDATE, i.e. the browser nominates this path.
 * Only attributes before MESSAGE-INTEGRITY count: nothing after it is signed.
 */
export function checkNominates(datagram: Buffer): boolean {
  if (!isStunDatagram(datagram)) return false;
  const end = Math.min(datagram.length, HEADER_BYTES + datagram.readUInt16BE(2));
  let offset = HEADER_BYTES;
  while (offset + 4 <= end) {
    const type = datagram.readUInt16BE(offset);
    if (type === ATTR_USE_CANDIDATE) return true;
    if (type === ATTR_MESSAGE_INTEGRITY) return false;
    const length = datagram.readUInt16BE(offset + 2);
    offset += 4 + length + ((4 - (length % 4)) % 4);
  }
  return false;
}
