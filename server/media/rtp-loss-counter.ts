// Counts packets a producer never delivered, from gaps in RTP sequence numbers (RFC 3550 A.3):
// expected = highest extended sequence - first + 1; lost = expected - received. Retransmissions
// arrive as duplicates and make `received` briefly exceed, so lost is clamped at zero.
export class RtpLossCounter {
  private baseSeq: number | undefined;
  private maxSeq = 0;
  private cycles = 0;
  received = 0;

  record(sequenceNumber: number): void {
    this.received++;
    if (this.baseSeq === undefined) {
      this.baseSeq = sequenceNumber;
      this.maxSeq = sequenceNumber;
      return;
    }
    const delta = (sequenceNumber - this.maxSeq + 0x10000) & 0xffff;
    // A forward step of less than half the space is new; anything else is late or duplicate.
    if (delta > 0 && delta < 0x8000) {
      if (sequenceNumber < this.maxSeq) this.cycles += 0x10000;
      this.maxSeq = sequenceNumber;
    }
  }

  get expected(): number {
    if (this.baseSeq === undefined) return 0;
    return this.cycles + this.maxSeq - this.baseSeq + 1;
  }

  get lost(): number {
    return Math.max(0, this.expected - this.received);
  }
}
