// Slows down guessing of credentials. Every refused organizer credential (HTTP Bearer) or invite
// token (socket handshake) costs the client's address one token; once they are spent, further
// attempts from that address are refused with RATE_LIMITED *before* the credential is checked —
// otherwise a guesser would learn a right answer at full speed. A legitimate organizer behind
// the same address waits at most a few seconds (a token comes back every 60/perMinute s).
import { addressKey } from './client-address';
import { TokenBuckets, type BucketRule, type Taken } from './token-buckets';

export class CredentialGuard {
  private readonly failures: TokenBuckets;

  constructor(rule: BucketRule, nowMs: () => number = Date.now) {
    this.failures = new TokenBuckets(rule, nowMs);
  }

  /** Whether a credential from this address may be checked now. */
  check(address: string | undefined): Taken {
    return this.failures.peek(addressKey(address));
  }

  recordFailure(address: string | undefined): void {
    this.failures.take(addressKey(address));
  }
}
