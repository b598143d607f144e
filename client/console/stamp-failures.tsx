// Agreements whose stamping failed and was parked: every party signed, but the platform could not
// produce the sealed document. The organizer sees why and can send each back to the stamping
// queue ("Coba lagi"); the list disappears once nothing is parked.
import { memo } from 'react';
import type { Agreement } from '../../shared/domain/types';
import type { Ack } from '../../shared/protocol/ack';
import { useI18n } from '../ui/i18n-context';
import { useActionRunner } from './use-action-runner';

const TEXT = {
  title: ['Penstempelan gagal', 'Stamping failed'],
  hint: [
    'Semua pihak sudah menandatangani, tetapi dokumen final belum dapat dibuat dan disegel. Periksa penyebabnya, lalu coba lagi.',
    'Every party has signed, but the final document could not be made and sealed. Check the cause, then retry.',
  ],
  retry: ['Coba lagi', 'Retry'],
  attempts: ['{n} kali dicoba', '{n} attempts'],
  timeout: ['melewati batas waktu', 'ran past its time limit'],
  'invalid-input': ['data tersimpan rusak', 'stored data is damaged'],
  'worker-crashed': ['proses pembuat dokumen berhenti', 'the document worker died'],
  error: ['kesalahan', 'error'],
} as const;

/** `parked`: agreements signed by every party whose stamping failed (derived in console-derived). */
export const StampFailures = memo(function StampFailures({ parked, retry }: { parked: Agreement[]; retry: (agreementId: string) => Promise<Ack<Agreement>> }) {
  const { lang } = useI18n();
  const { pending, error, run } = useActionRunner();
  const say = (key: keyof typeof TEXT, n?: number) => TEXT[key][lang === 'id' ? 0 : 1].replace('{n}', String(n ?? ''));
  if (parked.length === 0) return null;
  return (
    <section className="panel stamp-failures" aria-labelledby="stamp-failures-title">
      <h2 id="stamp-failures-title" className="panel__title">{say('title')} ({parked.length})</h2>
      <p className="cell-sub">{say('hint')}</p>
      {error ? <p className="form-error">{error}</p> : null}
      <ul className="plain-list">
        {parked.map((a) => (
          <li key={a.id} className="wave__item" data-agreement={a.id} data-stamp-failed="true">
            <span className="wave__title">
              {a.id} · {a.title}
              <span className="cell-sub">
                {say(a.stampFailure!.reason)} · {say('attempts', a.stampFailure!.attempts)} · {a.stampFailure!.detail}
              </span>
            </span>
            <button type="button" className="button button--small" disabled={!!pending} onClick={() => void run('retryStamp', () => retry(a.id))} aria-label={`${say('retry')}: ${a.title}`}>
              {say('retry')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
});
