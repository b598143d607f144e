// Before signing starts: warn the organizer when the links sealed into every PDF would point at
// localhost (or PUBLIC_URL is unset), since they cannot be changed once documents are sealed.
import { useEffect, useState } from 'react';
import type { CeremonyPhase } from '../../shared/domain/types';
import { useI18n } from '../ui/i18n-context';

interface PublicUrlStatus {
  publicUrl: string;
  configured: boolean;
  local: boolean;
}

const isLocal = (hostname: string) => /^(localhost|127(?:\.\d+){3}|\[?::1\]?)$/i.test(hostname);

export function PublicUrlWarning({ phase }: { phase: CeremonyPhase }) {
  const { lang } = useI18n();
  const [status, setStatus] = useState<PublicUrlStatus>();
  const beforeSigning = phase === 'draft' || phase === 'lobby';
  useEffect(() => {
    if (!beforeSigning) return undefined;
    const abort = new AbortController();
    fetch('/api/public-url', { signal: abort.signal })
      .then((res) => (res.ok ? (res.json() as Promise<PublicUrlStatus>) : undefined))
      .then(setStatus, () => {});
    return () => abort.abort();
  }, [beforeSigning]);
  if (!beforeSigning || !status) return null;
  const remoteViewer = !isLocal(window.location.hostname);
  if (status.configured && !(status.local && remoteViewer)) return null;
  const text =
    lang === 'id'
      ? `Tautan dan kode QR yang akan disegel ke dalam PDF memakai ${status.publicUrl}${status.configured ? '' : ' (PUBLIC_URL belum diatur)'}, yang hanya dapat dibuka dari komputer server. Tautan itu tidak dapat diubah setelah dokumen disegel: atur PUBLIC_URL ke alamat yang dibuka peserta dan mulai ulang server sebelum penandatanganan.`
      : `Links and QR codes sealed into the PDFs will use ${status.publicUrl}${status.configured ? '' : ' (PUBLIC_URL is not set)'}, which only the server machine can open. They cannot be changed once documents are sealed: set PUBLIC_URL to the address participants open and restart the server before signing.`;
  return (
    <div className="connection-banner connection-banner--warning" role="alert" data-testid="public-url-warning" style={{ position: 'static' }}>
      {text}
    </div>
  );
}
