import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agreement } from '../../../shared/domain/types';
import type { ActivityItem } from '../../../shared/protocol/views';
import { ActivityCoalescer, AfterAck, ChangeCoalescer, ChangeThrottle } from '../../../server/realtime/coalescer';

const agreement = (id: string, status: Agreement['status']): Agreement =>
  ({ id, title: id, parties: ['a', 'b'], valueIdr: 1, status, signatures: {} }) as unknown as Agreement;

describe('broadcast coalescing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first change at once, then one message per interval: the tally if it changed, the latest state of each agreement', () => {
    const sent: Array<[string, boolean, string[]]> = [];
    const c = new ChangeCoalescer(250, (ceremonyId, { tally, agreements }) => sent.push([ceremonyId, tally, agreements.map((a) => `${a.id}:${a.status}`)]));
    c.add('c1', false, [agreement('K-1', 'called')]);
    expect(sent).toEqual([['c1', false, ['K-1:called']]]);
    c.add('c1', true, [agreement('K-1', 'signed'), agreement('K-2', 'called')]);
    c.add('c1', false, [agreement('K-2', 'signed')]);
    c.add('c1', false, []);
    c.add('toString', true, []);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(250);
    expect(sent.slice(2)).toEqual([['c1', true, ['K-1:signed', 'K-2:signed']]]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([
      ['c1', false, ['K-1:called']],
      ['toString', true, []],
      ['c1', true, ['K-1:signed', 'K-2:signed']],
    ]);
    c.close();
  });

  it("sends the organizers' feed at once, then every later item in order, one message per interval", () => {
    const item = (seq: number) => ({ seq, at: '2021-01-18T03:00:00.000Z', type: 'signature.recorded' }) as unknown as ActivityItem;
    const sent: Array<[string, number[]]> = [];
    const c = new ActivityCoalescer(250, (ceremonyId, items) => sent.push([ceremonyId, items.map((i) => i.seq)]));
    c.add('c1', [item(1)]);
    expect(sent).toEqual([['c1', [1]]]);
    c.add('c1', [item(2), item(3)]);
    c.add('c1', []);
    c.add('__proto__', [item(7)]);
    c.add('c1', [item(4)]);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([['c1', [1]], ['__proto__', [7]], ['c1', [2, 3, 4]]]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(3);
    c.close();
  });

  it('sends the spotlight only when it changed', () => {
    let rooms = ['r1'];
    const sent: string[][] = [];
    const t = new ChangeThrottle(100, () => rooms, (_id, value) => sent.push(value));
    t.markDirty('c1');
    vi.advanceTimersByTime(100);
    t.markDirty('c1');
    vi.advanceTimersByTime(100);
    rooms = ['r1', 'r2'];
    t.markDirty('c1');
    expect(sent).toEqual([['r1'], ['r1', 'r2']]);
    t.close();
  });

  it('runs published changes after the current turn, in order (so acks go out first)', async () => {
    vi.useRealTimers();
    const order: string[] = [];
    const later = new AfterAck<string>((item) => order.push(item));
    later.push('broadcast 1');
    later.push('broadcast 2');
    order.push('ack');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(order).toEqual(['ack', 'broadcast 1', 'broadcast 2']);
    later.close();
  });
});
