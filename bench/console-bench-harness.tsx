// The console update benchmark itself, shared by the jsdom run (bench/console-render.tsx) and the
// Chromium run (bench/console-render-chromium.ts, which bundles this file into a page). It renders
// the organizer's console on a given view, then applies 200 agreement updates (one signature each)
// and 200 tally updates the way the live client does (applyUpdate, then one React commit), timing
// each synchronously. In a browser `settle` forces style and layout inside the timed span, and each
// update gets its own animation frame. The raw baselines come from the same run: the pure state
// merge, and a bare React list of the same rows (no memoization, everything recounted).
import { createElement, Fragment, Profiler, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { CeremonyView } from '../shared/protocol/views';
import { roomProgress } from '../client/console/call-planning';
import { ConsoleScreen } from '../client/console/console-screen';
import { indexCeremony } from '../client/lib/ceremony-index';
import { applyUpdate } from '../client/lib/ceremony-state';
import { I18nProvider } from '../client/ui/i18n-context';

export interface UpdateFigures {
  /** Cold: includes compiling React's and the console's code on first use. */
  firstRenderMs: number;
  /** The same first render again once the code is warm (a fresh mount of the final view). */
  warmRenderMs: number;
  agreementMs: number[];
  tallyMs: number[];
  /** React's own render time per agreement update (Profiler; meaningful in development builds). */
  reactAgreementMs: number[];
  mergeMs: number[];
  bareFirstRenderMs: number;
  bareAgreementMs: number[];
}

export interface HarnessHooks {
  /** Work inside the timed span after the commit (a browser: force style + layout). */
  settle?: () => void;
  /** Between updates, untimed (a browser: wait for the next frame so each update paints). */
  between?: () => Promise<void>;
}

type Setter = (view: CeremonyView) => void;

export async function runConsoleBench(initial: CeremonyView, container: HTMLElement, hooks: HarnessHooks = {}, updates = 200): Promise<UpdateFigures> {
  const settle = hooks.settle ?? (() => {});
  const between = hooks.between ?? (async () => {});
  const noop = async () => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: '', messageEn: '' } });
  const actions = { openLobby: noop, startSigning: noop, close: noop, call: noop, recall: noop, recallWave: noop, retryStamp: noop, reissueInvite: noop, finishWithoutOfficials: noop };
  let setView: Setter = () => {};
  let reactTime = 0;
  function Harness() {
    const [current, set] = useState(initial);
    setView = set;
    const screen = createElement(ConsoleScreen, { view: current, state: { status: 'connected', clockOffsetMs: 0, snapshots: 1 }, actions, links: undefined });
    return createElement(Profiler, { id: 'console', onRender: (_id: string, _phase: string, actual: number) => void (reactTime = actual) }, createElement(I18nProvider, { initialLang: 'id', children: screen }));
  }

  const figures: UpdateFigures = { firstRenderMs: 0, warmRenderMs: 0, agreementMs: [], tallyMs: [], reactAgreementMs: [], mergeMs: [], bareFirstRenderMs: 0, bareAgreementMs: [] };
  const root = createRoot(container);
  let t = performance.now();
  flushSync(() => root.render(createElement(Harness)));
  settle();
  figures.firstRenderMs = performance.now() - t;
  await between();

  let view = initial;
  for (let i = 0; i < updates; i++) {
    const next = signOne(view, i);
    t = performance.now();
    const merged = applyUpdate(view, { type: 'agreements', agreements: [next] })!;
    figures.mergeMs.push(performance.now() - t);
    t = performance.now();
    flushSync(() => setView(merged));
    settle();
    figures.agreementMs.push(performance.now() - t);
    figures.reactAgreementMs.push(reactTime);
    view = merged;
    await between();
    const tally = { ...view.tally, agreementsSigned: view.tally.agreementsSigned + 1, updatedAt: new Date(Date.parse(view.tally.updatedAt) + 1000).toISOString() };
    const withTally = applyUpdate(view, { type: 'tally', tally })!;
    t = performance.now();
    flushSync(() => setView(withTally));
    settle();
    figures.tallyMs.push(performance.now() - t);
    view = withTally;
    await between();
  }
  root.unmount();
  const warmRoot = createRoot(container);
  t = performance.now();
  flushSync(() => warmRoot.render(createElement(Harness)));
  settle();
  figures.warmRenderMs = performance.now() - t;
  warmRoot.unmount();
  await between();

  // The raw baseline: the same desk rows and room counts as plain React, recounted every time.
  let setBare: Setter = () => {};
  function Bare() {
    const [current, set] = useState(initial);
    setBare = set;
    const index = indexCeremony(current.ceremony);
    const progress = roomProgress(current.ceremony.agreements, index);
    const called = current.ceremony.agreements.filter((a) => a.waveId);
    return createElement(
      Fragment,
      null,
      createElement('ul', null, called.map((a) => createElement('li', { key: a.id }, `${a.id} ${a.title} ${a.parties.map((p) => index.parties.get(p)?.name).join(' · ')} ${a.status} ${Object.keys(a.signatures).length}/${a.parties.length}`))),
      createElement('ul', null, current.ceremony.rooms.map((r) => createElement('li', { key: r.id }, `${r.regency} ${progress.get(r.id)?.done ?? 0}/${progress.get(r.id)?.total ?? 0}`))),
    );
  }
  const bareRoot = createRoot(container);
  t = performance.now();
  flushSync(() => bareRoot.render(createElement(Bare)));
  settle();
  figures.bareFirstRenderMs = performance.now() - t;
  await between();
  view = initial;
  for (let i = 0; i < updates; i++) {
    const merged = applyUpdate(view, { type: 'agreements', agreements: [signOne(view, i)] })!;
    t = performance.now();
    flushSync(() => setBare(merged));
    settle();
    figures.bareAgreementMs.push(performance.now() - t);
    view = merged;
    await between();
  }
  bareRoot.unmount();
  return figures;
}

/** The i-th agreement at the desk with its first party's signature added. */
function signOne(view: CeremonyView, i: number) {
  const a = view.ceremony.agreements[i];
  const partyId = a.parties[0];
  const signature = { agreementId: a.id, partyId, kind: 'typed' as const, signerName: 'n', signerTitle: 't', roomId: 'ruang-01', timezone: 'WIB' as const, signedAt: '2024-06-01T02:05:00.000Z' };
  return { ...a, signatures: { ...a.signatures, [partyId]: signature } };
}

/** "median …, p95 …, max …" over the steady state (the first updates run while the JIT warms up). */
export function describeTimes(all: number[]): string {
  const s = all.slice(20).sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(2)} ms, p95 ${s[Math.floor(s.length * 0.95)].toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
}
