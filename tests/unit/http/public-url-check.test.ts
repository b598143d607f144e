import { describe, expect, it } from 'vitest';
import { isLocalHost, publicUrlStatus, publicUrlWarning } from '../../../server/http/public-url-check';

describe('PUBLIC_URL check', () => {
  it('tells local hosts from reachable ones', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0.0.0.0']) expect(isLocalHost(h), h).toBe(true);
    for (const h of ['saksi.example.id', '192.168.1.20', '10.0.0.5', 'localhost.example.com']) expect(isLocalHost(h), h).toBe(false);
  });

  it('warns when unset or local, and not when set to a reachable address', () => {
    const unset = publicUrlStatus(undefined, 'http://localhost:3000');
    expect(unset).toEqual({ publicUrl: 'http://localhost:3000', configured: false, local: true });
    expect(publicUrlWarning(unset)).toMatch(/PUBLIC_URL belum diatur.*http:\/\/localhost:3000.*PUBLIC_URL is not set/);
    const local = publicUrlStatus('http://127.0.0.1:8080', 'http://localhost:3000');
    expect(publicUrlWarning(local)).toMatch(/PUBLIC_URL=http:\/\/127\.0\.0\.1:8080 menunjuk ke komputer ini/);
    expect(publicUrlWarning(publicUrlStatus('https://saksi.example.id', 'http://localhost:3000'))).toBeUndefined();
  });
});
