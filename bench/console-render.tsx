// The organizer's console at 1,000 agreements in 60 rooms (tests/support/large-roster), rendered
// by React into jsdom: time to first render, then the time to apply one agreement update (a
// signature) and one tally update, each rendered and committed synchronously (flushSync). The
// raw baseline is the pure state merge of the same update (applyUpdate) in the same run.
// jsdom does no layout or paint, so these are React's render+commit costs, not a browser frame.
// @ts-expect-error jsdom ships no types here; the test environment uses it the same way.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', { pretendToBeVisual: true, url: 'http://127.0.0.1/console/x' });
const g = globalThis as Record<string, unknown>;
for (const key of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
  g[key] = (dom.window as unknown as Record<string, unknown>)[key];
}

async function main(): Promise<void> {
  const { createElement, Profiler, useState } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { flushSync } = await import('react-dom');
  const { ConsoleScreen } = await import('../client/console/console-screen');
  const { I18nProvider } = await import('../client/ui/i18n-context');
  const { applyUpdate } = await import('../client/lib/ceremony-state');
  const { rosterToCeremony } = await import('../server/ceremony/import-ceremony');
  const { createState } = await import('../server/domain/state');
  const { largeRoster, LARGE_ROSTER_SEED } = await import('../tests/support/large-roster');
  type View = import('../shared/protocol/views').CeremonyView;

  const roster = largeRoster();
  const ceremony = { ...rosterToCeremony(roster, roster.id!, '2024-06-01T01:00:00.000Z'), phase: 'signing' as const };
  // A wave of 200 at the desk, as during a busy moment.
  const waveId = 'W-bench';
  ceremony.waves = [{ id: waveId, number: 1, name: 'Bench', calledAt: '2024-06-01T02:00:00.000Z', size: 200 }];
  ceremony.agreements = ceremony.agreements.map((a, i) => (i < 200 ? { ...a, status: 'called' as const, waveId, calledAt: '2024-06-01T02:00:00.000Z' } : a));
  const state = createState(ceremony, { now: '2024-06-01T02:00:00.000Z' });
  let view: View = {
    ceremony,
    presence: ceremony.rooms.map((r, i) => ({ roomId: r.id, online: i % 3 !== 0, connections: i % 3 !== 0 ? 1 : 0, ...(i % 3 !== 0 ? { since: '2024-06-01T01:50:00.000Z' } : {}) })),
    tally: state.tally,
    you: { role: 'organizer', ceremonyId: ceremony.id },
    activity: [],
    serverTime: '2024-06-01T02:00:00.000Z',
    version: 1,
  };
  const noop = async () => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: '', messageEn: '' } });
  const actions = { openLobby: noop, startSigning: noop, close: noop, call: noop, recall: noop, recallWave: noop, retryStamp: noop, reissueInvite: noop };
  let setView: (v: View) => void = () => {};
  let reactTime = 0;
  const reactAgreement: number[] = [];
  const reactTally: number[] = [];
  function Harness() {
    const [current, set] = useState(view);
    setView = set;
    const screen = createElement(ConsoleScreen, { view: current, state: { status: 'connected', clockOffsetMs: 0, snapshots: 1 }, actions, links: undefined });
    return createElement(
      Profiler,
      { id: 'console', onRender: (_id: string, _phase: string, actual: number) => void (reactTime = actual) },
      createElement(I18nProvider, { initialLang: 'id', children: screen }),
    );
  }
  const root = createRoot(document.getElementById('root')!);
  let t = performance.now();
  flushSync(() => root.render(createElement(Harness)));
  const firstRender = performance.now() - t;

  const signature = (agreementId: string, partyId: string) => ({ agreementId, partyId, kind: 'typed' as const, signerName: 'n', signerTitle: 't', roomId: 'ruang-01', timezone: 'WIB' as const, signedAt: '2024-06-01T02:05:00.000Z' });
  const agreementUpdates: number[] = [];
  const tallyUpdates: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = view.ceremony.agreements[i];
    const updated = { ...a, signatures: { ...a.signatures, [a.parties[0]]: signature(a.id, a.parties[0]) } };
    t = performance.now();
    const next = applyUpdate(view, { type: 'agreements', agreements: [updated] })!;
    baseline.push(performance.now() - t);
    t = performance.now();
    flushSync(() => setView(next));
    agreementUpdates.push(performance.now() - t);
    reactAgreement.push(reactTime);
    view = next;
    const tally = { ...view.tally, agreementsSigned: view.tally.agreementsSigned + 1, updatedAt: new Date(Date.parse(view.tally.updatedAt) + 1000).toISOString() };
    const withTally = applyUpdate(view, { type: 'tally', tally })!;
    t = performance.now();
    flushSync(() => setView(withTally));
    tallyUpdates.push(performance.now() - t);
    reactTally.push(reactTime);
    view = withTally;
  }
  // The first updates run while the JIT warms up; report the steady state.
  const stats = (all: number[]) => {
    const s = all.slice(20).sort((a, b) => a - b);
    return `median ${s[Math.floor(s.length / 2)].toFixed(2)} ms, p95 ${s[Math.floor(s.length * 0.95)].toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
  };
  console.log(`React ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} build`);
  console.log(`console at ${ceremony.agreements.length} agreements / ${ceremony.rooms.length} rooms (seed ${LARGE_ROSTER_SEED}), 200 at the desk, React + jsdom:`);
  console.log(`  first render: ${firstRender.toFixed(1)} ms`);
  console.log(`  agreement update (render + commit): ${stats(agreementUpdates)}  (target < 16 ms)`);
  console.log(`  tally update (render + commit):     ${stats(tallyUpdates)}`);
  if (process.env.NODE_ENV !== 'production') console.log(`  of which React render (Profiler actualDuration, development build): agreement ${stats(reactAgreement)}; tally ${stats(reactTally)}`);
  console.log(`  raw baseline, pure state merge of the same agreement update: ${stats(baseline)}`);
  root.unmount();
  dom.window.close();
}

void main();
