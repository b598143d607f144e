// Real PDF tools from poppler-utils and qpdf, run on files in a temp dir.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(bytes: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'saksi-pdf-'));
  const path = join(dir, 'doc.pdf');
  writeFileSync(path, bytes);
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const pdfToText = (bytes: Uint8Array): string =>
  withFile(bytes, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', path, '-'], { encoding: 'utf8' }));

export const qpdfCheck = (bytes: Uint8Array): { ok: boolean; output: string } =>
  withFile(bytes, (path) => {
    const r = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    return { ok: r.status === 0, output: r.stdout + r.stderr };
  });

export const pdfSig = (bytes: Uint8Array): string =>
  withFile(bytes, (path) => {
    const r = spawnSync('pdfsig', [path], { encoding: 'utf8' });
    return r.stdout + r.stderr;
  });
