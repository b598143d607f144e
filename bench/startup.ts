// Start-up with the demo seed (issue 11, must-hold 3): `npm start` on an empty DATA_DIR until it
// listens (answers its first page) and until the demo ceremony (196 originals) is stored, with the
// server's CPU time (all threads) and peak RSS at that point. With --root, another checkout's
// server (e.g. the code before a change) runs in the same session, alternating with this one.
// --runs repetitions each; min and median.
// Run: npx tsx bench/startup.ts [--runs 3] [--root DIR]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { numberFlag, parseArgs } from '../server/cli/args';
import { spawnDemoServer } from './demo-server';

const { flags } = parseArgs(process.argv.slice(2));
const runs = numberFlag(flags, 'runs', 3);
const other = typeof flags.root === 'string' ? resolve(flags.root, 'server/main.ts') : undefined;
const token = 'bench-organizer-credential-0000000';

interface Start {
  listeningMs: number;
  seededMs: number;
  cpuMs: number;
  rssMb: number;
}

const proc = (pid: number, file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8');
const cpuMs = (pid: number) => {
  const fields = proc(pid, 'stat').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

async function startOnce(main?: string): Promise<Start> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-startup-'));
  const t0 = Date.now();
  const server = await spawnDemoServer(dataDir, token, main ? { main } : {});
  const pid = server.child.pid!;
  const result = {
    listeningMs: server.listeningAt - t0,
    seededMs: server.seededAt - t0,
    cpuMs: cpuMs(pid),
    rssMb: Number(/VmHWM:\s+(\d+)/.exec(proc(pid, 'status'))?.[1] ?? 0) / 1024,
  };
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return result;
}

const ours: Start[] = [];
const theirs: Start[] = [];
for (let i = 0; i < runs; i++) {
  ours.push(await startOnce());
  if (other) theirs.push(await startOnce(other));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const cell = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)} / ${median(xs).toFixed(digits)}`.padStart(16);
console.log(`Start-up with the demo seed (196 originals), ${runs} runs, min / median${other ? `; other: ${other}` : ''}`);
const row = (label: string, pick: (s: Start) => number, unit: string, digits = 2) =>
  console.log(`  ${label.padEnd(34)} this ${cell(ours.map(pick), digits)} ${unit}${other ? `   other ${cell(theirs.map(pick), digits)} ${unit}` : ''}`);
row('listening (first page answered)', (s) => s.listeningMs / 1000, 's');
row('demo seeded', (s) => s.seededMs / 1000, 's');
row('server CPU until seeded', (s) => s.cpuMs / 1000, 's');
row('peak RSS until seeded', (s) => s.rssMb, 'MB', 0);
process.exit(0);
