import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyframeRequester } from '../../../server/media/keyframe-requester';
import { LivenessMonitor } from '../../../server/media/liveness-monitor';
import { RtpJitter } from '../../../server/media/rtp-jitter';
import { RtpLossCounter } from '../../../server/media/rtp-loss-counter';

afterEach(() => vi.useRealTimers());

describe('LivenessMonitor', () => {
  it('declares a transport dead once, after it stays silent past the timeout', () => {
    let now = 0;
    const dead: string[] = [];
    const monitor = new LivenessMonitor({ timeoutMs: 5000, now: () => now, onDead: (id) => dead.push(id) });
    monitor.watch('quiet');
    monitor.watch('chatty');
    for (now = 1000; now <= 9000; now += 1000) {
      monitor.touch('chatty');
      monitor.sweep();
    }
    expect(dead).toEqual(['quiet']);
    expect(monitor.isWatched('quiet')).toBe(false);
    expect(monitor.isWatched('chatty')).toBe(true);
    now += 20_000;
    monitor.sweep();
    monitor.sweep();
    expect(dead).toEqual(['quiet', 'chatty']);
    monitor.close();
  });

  it('ignores touches of transports it does not watch (never heard from)', () => {
    let now = 0;
    const dead: string[] = [];
    const monitor = new LivenessMonitor({ timeoutMs: 1000, now: () => now, onDead: (id) => dead.push(id) });
    monitor.touch('idle');
    now = 10_000;
    expect(monitor.sweep()).toEqual([]);
    expect(dead).toEqual([]);
    monitor.close();
  });

  it('sweeps on its own timer and stops it on close', () => {
    vi.useFakeTimers();
    const dead: string[] = [];
    const monitor = new LivenessMonitor({ timeoutMs: 1000, sweepIntervalMs: 250, onDead: (id) => dead.push(id) });
    monitor.watch('t1');
    vi.advanceTimersByTime(1500);
    expect(dead).toEqual(['t1']);
    monitor.watch('t2');
    monitor.close();
    vi.advanceTimersByTime(5000);
    expect(dead).toEqual(['t1']);
  });
});

describe('KeyframeRequester', () => {
  it('collapses a burst into one request now and one at the end of the interval', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const requester = new KeyframeRequester({ minIntervalMs: 300, send: () => sent.push(Date.now()) });
    const start = Date.now();
    for (let i = 0; i < 10; i++) requester.request();
    expect(sent).toEqual([start]);
    vi.advanceTimersByTime(299);
    expect(sent.length).toBe(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([start, start + 300]);
    vi.advanceTimersByTime(1000);
    expect(sent.length).toBe(2);
    requester.close();
  });
});

describe('RtpLossCounter', () => {
  it('counts gaps across the 16-bit wrap and ignores reordering', () => {
    const counter = new RtpLossCounter();
    for (const seq of [65530, 65531, 65533, 65532, 65535, 0, 2, 3]) counter.record(seq);
    // expected 65530..3 = 10 packets; received 8 (65534 and 1 missing)
    expect(counter.expected).toBe(10);
    expect(counter.lost).toBe(2);
  });

  it('does not report negative loss when retransmissions arrive twice', () => {
    const counter = new RtpLossCounter();
    for (const seq of [1, 2, 3, 2, 3]) counter.record(seq);
    expect(counter.lost).toBe(0);
  });
});

describe('RtpJitter', () => {
  /** Opus at 48 kHz, one packet every 20 ms; `arrivals` in ms, timestamps start near the wrap. */
  const feed = (arrivals: number[]) => {
    let now = 0;
    const jitter = new RtpJitter(48000, () => now);
    arrivals.forEach((arrival, i) => {
      now = arrival;
      jitter.record((2 ** 32 - 10 * 960 + i * 960) % 2 ** 32);
    });
    return jitter.milliseconds;
  };

  it('stays at zero for a steady stream, across the timestamp wrap', () => {
    expect(feed(Array.from({ length: 50 }, (_, i) => 1000 + i * 20))).toBe(0);
  });

  it('grows when packets that were sent steadily arrive after a stall, all at once', () => {
    // 100 packets on time, then the thread stalls 100 ms and reads five packets in one go.
    const arrivals = Array.from({ length: 100 }, (_, i) => i * 20);
    for (let i = 0; i < 5; i++) arrivals.push(2100);
    expect(feed(arrivals)).toBeGreaterThan(5);
  });
});
