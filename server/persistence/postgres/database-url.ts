// DATABASE_URL: a postgres:// or postgresql:// URL (a unix socket directory goes in `?host=`).
import { z } from 'zod';

export const ZDatabaseUrlSchema = z
  .string()
  .url()
  .refine((url) => /^postgres(ql)?:\/\//.test(url), 'DATABASE_URL harus postgres:// atau postgresql:// / must be a postgres:// or postgresql:// URL');

/** The URL without its password, for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
