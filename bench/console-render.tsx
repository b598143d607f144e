// The organizer's console at 1,000 agreements in 60 rooms (bench/console-fixture), rendered by
// React into jsdom: time to first render, then the time to apply one agreement update (a
// signature) and one tally update, each merged and committed synchronously (flushSync). The raw
// baselines in the same run: the pure state merge, and a bare React list of the same rows.
// jsdom does no layout or paint, so these are React's render+commit costs; the same updates in
// real Chromium, with style and layout, are in bench/console-render-chromium.ts.
// @ts-expect-error jsdom ships no types here; the test environment uses it the same way.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', { pretendToBeVisual: true, url: 'http://127.0.0.1/console/x' });
const g = globalThis as Record<string, unknown>;
for (const key of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
  g[key] = (dom.window as unknown as Record<string, unknown>)[key];
}

async function main(): Promise<void> {
  const { runConsoleBench, describeTimes } = await import('./console-bench-harness');
  const { consoleBenchView, LARGE_ROSTER_SEED } = await import('./console-fixture');
  const view = consoleBenchView();
  const f = await runConsoleBench(view, document.getElementById('root')!);
  console.log(`React ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} build`);
  console.log(`console at ${view.ceremony.agreements.length} agreements / ${view.ceremony.rooms.length} rooms (seed ${LARGE_ROSTER_SEED}), 200 at the desk, React + jsdom:`);
  console.log(`  first render: ${f.firstRenderMs.toFixed(1)} ms cold, ${f.warmRenderMs.toFixed(1)} ms warm (a fresh mount once the code is compiled)`);
  console.log(`  agreement update (render + commit): ${describeTimes(f.agreementMs)}  (target < 16 ms)`);
  console.log(`  tally update (render + commit):     ${describeTimes(f.tallyMs)}`);
  if (process.env.NODE_ENV !== 'production') console.log(`  of which React render (Profiler actualDuration, development build): agreement ${describeTimes(f.reactAgreementMs)}`);
  console.log(`  raw baseline, pure state merge of the same agreement update: ${describeTimes(f.mergeMs)}`);
  console.log(`  raw baseline, bare React list of the same rows (no memo): first render ${f.bareFirstRenderMs.toFixed(1)} ms; agreement update ${describeTimes(f.bareAgreementMs)}`);
  dom.window.close();
}

void main();
