// Links and QR codes sealed into the PDFs are built from PUBLIC_URL and can never change later.
// Warn at start when it is unset or points at this machine, again (once) when a browser reaches
// the server under another host name, and tell the console so it can warn before signing starts.
import { Router } from 'express';

const LOCAL_HOST = /^(localhost|127(?:\.\d+){3}|\[?::1\]?|0\.0\.0\.0)$/i;

export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOST.test(hostname.replace(/^\[|\]$/g, ''));
}

export interface PublicUrlStatus {
  publicUrl: string;
  /** PUBLIC_URL was set. */
  configured: boolean;
  /** The links point at localhost: only this machine can open them. */
  local: boolean;
}

export function publicUrlStatus(configured: string | undefined, baseUrl: string): PublicUrlStatus {
  const url = configured ?? baseUrl;
  let local = true;
  try {
    local = isLocalHost(new URL(url).hostname);
  } catch {
    // An unparsable base is as bad as a local one.
  }
  return { publicUrl: url, configured: configured !== undefined, local };
}

/** The start-up warning, or undefined when PUBLIC_URL is set to a non-local address. */
export function publicUrlWarning(status: PublicUrlStatus): string | undefined {
  if (status.configured && !status.local) return undefined;
  const why = status.configured
    ? `PUBLIC_URL=${status.publicUrl} menunjuk ke komputer ini / points at this machine`
    : `PUBLIC_URL belum diatur; tautan memakai ${status.publicUrl} / PUBLIC_URL is not set; links use ${status.publicUrl}`;
  return (
    `PERINGATAN / WARNING: ${why}. Tautan dan kode QR yang disegel ke dalam PDF tidak dapat diubah kemudian; ` +
    `atur PUBLIC_URL ke alamat yang dibuka peserta sebelum penandatanganan dimulai. / ` +
    `Links and QR codes sealed into the PDFs cannot be changed later; set PUBLIC_URL to the address participants open before signing starts.`
  );
}

export function publicUrlRoutes(ctx: { baseUrl(): string; log(message: string): void }, configured: string | undefined): Router {
  const router = Router();
  let warnedRemote = false;
  router.get('/api/public-url', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(publicUrlStatus(configured, ctx.baseUrl()));
  });
  // A browser on another host while the links say localhost: the links it is handed are wrong.
  router.use((req, _res, next) => {
    if (!warnedRemote && req.method === 'GET' && req.hostname && !isLocalHost(req.hostname)) {
      const status = publicUrlStatus(configured, ctx.baseUrl());
      if (status.local) {
        warnedRemote = true;
        ctx.log(`Klien tersambung sebagai ${req.hostname}, tetapi tautan memakai ${status.publicUrl} / a client connected as ${req.hostname}, but links use ${status.publicUrl}. ${publicUrlWarning(status)}`);
      }
    }
    next();
  });
  return router;
}
