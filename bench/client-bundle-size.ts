// Prints the gzipped JavaScript each screen needs before it can draw: the entry chunk plus the
// screen's lazy chunk and everything they import statically. Run after `vite build`.
// Chunks loaded only on demand (the media stage, mediasoup-client) are listed separately.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const outDir = process.argv[2] ?? 'dist/client';
const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

function staticClosure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return seen;
}

const gz = (key: string) => gzipSync(readFileSync(join(outDir, manifest[key].file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error('no entry chunk in the manifest');
const entryClosure = staticClosure([entry]);

for (const screen of ['tally', 'room', 'console']) {
  const routeKey = Object.keys(manifest).find((k) => k.endsWith(`${screen}/${screen}-route.tsx`));
  if (!routeKey) throw new Error(`no chunk for the ${screen} route`);
  const keys = new Set([...entryClosure, ...staticClosure([routeKey])]);
  const total = [...keys].filter((k) => manifest[k].file.endsWith('.js')).reduce((sum, k) => sum + gz(k), 0);
  // Target: each route's first JavaScript stays under 150 KB gzipped.
  console.log(`${screen.padEnd(8)} initial JS ${kb(total)} gzipped (${keys.size} chunks)${total > 150 * 1024 ? '  OVER the 150 KB target' : ''}`);
}
const readerKey = Object.keys(manifest).find((k) => k.endsWith('room/agreement-reader.tsx'));
const roomKey = Object.keys(manifest).find((k) => k.endsWith('room/room-route.tsx'));
if (readerKey && roomKey) {
  const roomClosure = staticClosure([entry, roomKey]);
  const onDemand = [...staticClosure([readerKey])].filter((k) => !roomClosure.has(k));
  console.log(`agreement reader (room), on demand: ${kb(onDemand.reduce((sum, k) => sum + gz(k), 0))} gzipped`);
}
const stageKey = Object.keys(manifest).find((k) => k.endsWith('media/media-stage.tsx'));
if (stageKey) {
  const onDemand = [...staticClosure([stageKey])].filter((k) => !entryClosure.has(k));
  console.log(`media stage, on demand: ${kb(onDemand.reduce((sum, k) => sum + gz(k), 0))} gzipped`);
}
