// RFC 3550 interarrival jitter of one incoming RTP stream, as the SFU's thread reads the packets
// (A.8: J += (|D| - J) / 16, D the change in transit time). Measured where the SFU reads them, it
// also counts the time packets waited in the socket buffer while the thread could not run, which
// is what a stall of the SFU looks like. Time is injected for tests.
const RTP_TIMESTAMP_SPAN = 2 ** 32;

export class RtpJitter {
  private last: { arrival: number; timestamp: number } | undefined;
  /** In RTP timestamp units. */
  private jitter = 0;

  constructor(
    private readonly clockRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(rtpTimestamp: number): void {
    const arrival = (this.now() * this.clockRate) / 1000;
    const last = this.last;
    this.last = { arrival, timestamp: rtpTimestamp };
    if (!last) return;
    // The timestamp wraps at 2^32: take the shorter way round.
    let elapsed = (rtpTimestamp - last.timestamp) % RTP_TIMESTAMP_SPAN;
    if (elapsed > RTP_TIMESTAMP_SPAN / 2) elapsed -= RTP_TIMESTAMP_SPAN;
    else if (elapsed < -RTP_TIMESTAMP_SPAN / 2) elapsed += RTP_TIMESTAMP_SPAN;
    const change = arrival - last.arrival - elapsed;
    this.jitter += (Math.abs(change) - this.jitter) / 16;
  }

  get milliseconds(): number {
    return (this.jitter / this.clockRate) * 1000;
  }
}
