// The console benchmark in real Chromium (Debian's /usr/bin/chromium through playwright-core, the
// browser tests' flags) at a 1366×768 laptop size with the app's stylesheet: the same 1,000
// agreements / 60 rooms, the same updates as the jsdom run, but each timed span includes style
// and layout, each update gets its own frame, and long tasks (> 50 ms) are counted. The raw
// baselines (pure state merge; a bare React list of the same rows) come from the same page.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from '../tests/support/chromium';
import { describeTimes, type UpdateFigures } from './console-bench-harness';
import { consoleBenchView, LARGE_ROSTER_SEED } from './console-fixture';

async function main(): Promise<void> {
  const bundle = await build({
    entryPoints: [new URL('./console-bench-page.tsx', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // The stylesheets are added to the page as they are; imports of them bundle to nothing.
    loader: { '.css': 'empty' },
    logLevel: 'error',
  });
  const css = ['../client/ui/styles.css', '../client/media/media-stage.css'].map((p) => readFileSync(new URL(p, import.meta.url), 'utf8')).join('\n');
  const view = consoleBenchView();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_BASE_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.setContent('<!doctype html><html lang="id"><head><meta charset="utf-8"></head><body><div id="root"></div></body></html>');
    await page.addStyleTag({ content: css });
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const f = (await page.evaluate((v) => window.runConsoleBench(v), view)) as UpdateFigures & { longTasks: number[] };
    const version = browser.version();
    console.log(`console at ${view.ceremony.agreements.length} agreements / ${view.ceremony.rooms.length} rooms (seed ${LARGE_ROSTER_SEED}), 200 at the desk, React production build in Chromium ${version} at 1366×768:`);
    console.log(`  first render (+ style + layout): ${f.firstRenderMs.toFixed(1)} ms cold, ${f.warmRenderMs.toFixed(1)} ms warm (a fresh mount once the code is compiled)`);
    console.log(`  agreement update (render + commit + style + layout): ${describeTimes(f.agreementMs)}  (target < 16 ms)`);
    console.log(`  tally update (render + commit + style + layout):     ${describeTimes(f.tallyMs)}`);
    console.log(`  long tasks (> 50 ms) during the run: ${f.longTasks.length}${f.longTasks.length ? ` (longest ${Math.max(...f.longTasks).toFixed(0)} ms)` : ''}`);
    console.log(`  raw baseline, pure state merge of the same agreement update: ${describeTimes(f.mergeMs)}`);
    console.log(`  raw baseline, bare React list of the same rows (no memo): first render ${f.bareFirstRenderMs.toFixed(1)} ms; agreement update ${describeTimes(f.bareAgreementMs)}`);
  } finally {
    await browser.close();
  }
}

void main();
