// What a security reviewer checks first over HTTP: the headers on every screen, page and API
// answer; 400 for a malformed address and 404 for an unknown one (JSON under /api, a branded
// bilingual page elsewhere), with at most one log line and never a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
const logged: string[] = [];

beforeAll(async () => {
  server = await startTestServer({
    log: (message, error) => logged.push(error === undefined ? message : `${message} ${error instanceof Error ? error.stack : String(error)}`),
  });
});

afterAll(async () => {
  await server?.close();
});

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

function expectSecurityHeaders(path: string, headers: Headers): void {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).toMatch(/default-src '(self|none)'/);
  expect(csp, path).not.toContain('unsafe-eval');
  expect(headers.get('x-frame-options'), path).toBe('DENY');
  expect(headers.get('x-content-type-options'), path).toBe('nosniff');
  expect(headers.get('referrer-policy'), path).toBe('no-referrer');
}

describe('HTTP defaults', () => {
  it('sends CSP, frame, nosniff and referrer headers on the screens, pages and API', async () => {
    const id = server.ceremonyId;
    for (const path of ['/', `/room/${id}`, `/console/${id}`, `/tally/${id}`, '/verify', `/verify/${id}`, '/api/health', `/api/ceremonies/${id}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(path, res.headers);
    }
    // The screens' policy lets the app talk to its own Socket.IO and nothing else.
    const csp = (await get(`/room/${id}`)).headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`ws://${new URL(server.url).host}`);
    // An agreement's PDF may be framed by the room's own page, by no one else.
    const pdf = await get(`/api/agreements/K-001/document?ceremony=${id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(pdf.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a malformed address with 400, not 500', async () => {
    logged.length = 0;
    const api = await get('/api/agreements/%E0%A4%A/document');
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await api.json()) as { error: { code: string; message: string; messageEn: string } };
    expect(body.error).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.any(String), messageEn: expect.any(String) });
    for (const path of ['/room/%E0%A4%A', '/verify/%E0%A4%A/K-001', '/assets/%E0%A4%A.js']) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(await res.text()).toContain('Alamat tidak valid');
      expectSecurityHeaders(path, res.headers);
    }
    expect(logged).toHaveLength(4);
    for (const line of logged) {
      expect(line).toMatch(/^HTTP 400 GET \S+: malformed percent-encoding$/);
    }
  });

  it('answers unknown paths and missing assets with 404: JSON for the API, a branded page for people', async () => {
    logged.length = 0;
    const api = await get('/api/tidak-ada');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${server.url}/api/ceremonies/tidak-ada/links`, { method: 'DELETE' })).status).toBe(404);
    // An invite link to a ceremony that does not exist: 404, with the room screen that explains it.
    const room = await get('/room/tidak-ada');
    expect(room.status).toBe(404);
    expect(await room.text()).toContain('<div id="root"');
    expectSecurityHeaders('/room/tidak-ada', room.headers);
    for (const path of ['/tidak-ada', '/assets/tidak-ada.js', '/console/tidak-ada', '/console/uji-kecil/lebih', '/tally/', '/favicon.ico', '/room/..%2F..%2Fetc%2Fpasswd']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(text).toContain('Halaman tidak ditemukan');
      expect(text).toContain('Page not found');
      expect(text).toContain('SAKSI');
      expect(text).toContain('href="/"');
      expectSecurityHeaders(path, res.headers);
    }
    // Not found is not worth a log line, and nothing logged a stack trace.
    expect(logged).toEqual([]);
  });

  it('lists the ceremonies on the home page with their public tally', async () => {
    const text = await (await get('/')).text();
    expect(text).toContain(`href="/tally/${server.ceremonyId}"`);
    expect(text).toContain('Penandatanganan Kemitraan PMA/PMDN dengan UMKM (uji)');
  });
});
