// The real PDF tools the documents tests check against (poppler-utils and qpdf are installed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export interface TempDir {
  path: string;
  write(name: string, bytes: Uint8Array): string;
  dispose(): void;
}

export function createTempDir(prefix = 'saksi-docs-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, bytes) {
      const file = join(path, name);
      writeFileSync(file, bytes);
      return file;
    },
    dispose: () => rmSync(path, { recursive: true, force: true }),
  };
}

function run(command: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

export function pdfToText(file: string): string {
  const result = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/** Text with every run of whitespace collapsed, for phrases that may wrap across lines. */
export function pdfToFlatText(file: string): string {
  return pdfToText(file).replace(/\s+/g, ' ');
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const result = run('qpdf', ['--check', file]);
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

export function pdfsig(file: string): string {
  const result = run('pdfsig', [file]);
  return result.stdout + result.stderr;
}

export function pdfInfo(file: string): string {
  return run('pdfinfo', [file]).stdout;
}

export function pageCount(file: string): number {
  const match = /Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).stdout);
  if (!match) throw new Error('pdfinfo: no page count');
  return Number(match[1]);
}

/**
 * Renders one page at `dpi` with pdftoppm and decodes the QR code found on it. Only the bottom
 * band of an A4 page (where documents put the QR) is rendered: jsQR over a full page is slow.
 */
export function decodeQrOnPage(file: string, page: number, dpi = 150): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'saksi-qr-'));
  const pageHeightPx = Math.round((841.89 / 72) * dpi);
  const bandPx = Math.round((130 / 72) * dpi);
  try {
    const crop = ['-x', '0', '-y', String(pageHeightPx - bandPx), '-W', String(Math.round((595.28 / 72) * dpi)), '-H', String(bandPx)];
    const result = run('pdftoppm', ['-png', '-r', String(dpi), ...crop, '-f', String(page), '-l', String(page), file, join(dir, 'page')]);
    if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
    const [png] = readdirSync(dir);
    const image = PNG.sync.read(readFileSync(join(dir, png)));
    return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height)?.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
