import { describe, expect, it } from 'vitest';
import { checkNominates, isStunDatagram, verifyIceCheck } from '../../../server/media/ice-check-verifier';
import { bindingRequest } from './stun-fixtures';

const local = { usernameFragment: 'srvU', password: 'server-password-0123456789' };

describe('verifyIceCheck', () => {
  it('accepts a Binding request addressed to our ufrag and signed with our password', () => {
    const datagram = bindingRequest({ username: 'srvU:brws', password: local.password, useCandidate: true });
    expect(verifyIceCheck(datagram, local)).toBe('valid-check');
  });

  it('rejects an unsigned check, even one that nominates', () => {
    expect(verifyIceCheck(bindingRequest({ username: 'srvU:brws', useCandidate: true }), local)).toBe('rejected');
  });

  it('rejects a check signed with another password', () => {
    const datagram = bindingRequest({ username: 'srvU:brws', password: 'guessed-password-xxxxxxxx', useCandidate: true });
    expect(verifyIceCheck(datagram, local)).toBe('rejected');
  });

  it('rejects a check for another transport (foreign ufrag), even correctly signed for it', () => {
    const datagram = bindingRequest({ username: 'othr:brws', password: local.password });
    expect(verifyIceCheck(datagram, local)).toBe('rejected');
  });

  it('rejects a check without USERNAME', () => {
    expect(verifyIceCheck(bindingRequest({ password: local.password }), local)).toBe('rejected');
  });

  it('rejects a signed check whose bytes were altered after signing', () => {
    const datagram = bindingRequest({ username: 'srvU:brws', password: local.password });
    const tampered = Buffer.from(datagram);
    tampered[24 + 2] ^= 0x01; // inside the USERNAME value
    expect(verifyIceCheck(tampered, local)).toBe('rejected');
  });

  it('rejects truncated and non-request STUN', () => {
    const datagram = bindingRequest({ username: 'srvU:brws', password: local.password });
    expect(verifyIceCheck(datagram.subarray(0, datagram.length - 12), local)).toBe('rejected');
    const response = Buffer.from(datagram);
    response.writeUInt16BE(0x0101, 0); // Binding success response
    expect(verifyIceCheck(response, local)).toBe('rejected');
  });

  it('passes DTLS and SRTP through as not-stun', () => {
    const dtls = Buffer.from('16feff0000000000000000002e010000', 'hex');
    const rtp = Buffer.alloc(40);
    rtp[0] = 0x80;
    expect(isStunDatagram(dtls)).toBe(false);
    expect(verifyIceCheck(dtls, local)).toBe('not-stun');
    expect(verifyIceCheck(rtp, local)).toBe('not-stun');
  });
});

describe('checkNominates', () => {
  it('sees USE-CANDIDATE in a signed check, and only there', () => {
    expect(checkNominates(bindingRequest({ username: 'srvU:brws', password: local.password, useCandidate: true }))).toBe(true);
    expect(checkNominates(bindingRequest({ username: 'srvU:brws', password: local.password }))).toBe(false);
    expect(checkNominates(Buffer.from([22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe(false);
  });
});
