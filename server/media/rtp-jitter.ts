// RFC 3550 interarrival jitter of one RTP stream (A.8: J += (|D| - J) / 16, D the change in
// transit time). The SFU keeps it on both sides of itself: for each producer at the moment its
// thread reads the datagram off the socket (input: what the publisher and the network did, plus the
// time packets waited in the socket buffer while the thread could not run, which is what a stall of
// the SFU looks like), and for each consumer at the moment its copy is sent (output). Output minus
// input is what forwarding added. Time is injected for tests.
const RTP_TIMESTAMP_SPAN = 2 ** 32;

export class RtpJitter {
  private last: { arrival: number; timestamp: number } | undefined;
  /** In RTP timestamp units. */
  private jitter = 0;

  constructor(
    private readonly clockRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `at`: when the packet was read or sent (performance.now() ms); now if not given. */
  record(rtpTimestamp: number, at: number = this.now()): void {
    const arrival = (at * this.clockRate) / 1000;
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
