import { useCallback, useState } from 'react';
import type { Ack } from '../../shared/protocol/ack';
import { useI18n } from '../ui/i18n-context';

/** Runs one acked action at a time and keeps the last error message for display. */
export function useActionRunner() {
  const { lang } = useI18n();
  const [pending, setPending] = useState<string>();
  const [error, setError] = useState<string>();
  const run = useCallback(
    async <T,>(name: string, action: () => Promise<Ack<T>>): Promise<T | undefined> => {
      setPending(name);
      setError(undefined);
      try {
        const result = await action();
        if (result.ok) return result.data;
        setError(lang === 'id' ? result.error.message : result.error.messageEn);
        return undefined;
      } finally {
        setPending(undefined);
      }
    },
    [lang],
  );
  return { pending, error, run, clearError: () => setError(undefined) };
}
