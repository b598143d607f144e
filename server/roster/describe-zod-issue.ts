// Zod's own messages are English and terse; roster authors are Indonesian office staff, so each
// issue is retold in Bahasa Indonesia (with an English line for the developers).
import type { ZodIssue } from 'zod';

export interface IssueText {
  message: string;
  messageEn: string;
}

function sizeText(issue: { type: string; minimum?: unknown; maximum?: unknown }, bound: 'min' | 'max'): IssueText {
  const n = Number(bound === 'min' ? issue.minimum : issue.maximum);
  switch (issue.type) {
    case 'string':
      if (bound === 'min' && n === 1) return { message: 'Wajib diisi', messageEn: 'Required' };
      return bound === 'min'
        ? { message: `Terlalu pendek (minimal ${n} karakter)`, messageEn: `Too short (at least ${n} characters)` }
        : { message: `Terlalu panjang (maksimal ${n} karakter)`, messageEn: `Too long (at most ${n} characters)` };
    case 'array':
      return bound === 'min'
        ? { message: `Minimal ${n} entri`, messageEn: `At least ${n} entries` }
        : { message: `Maksimal ${n} entri`, messageEn: `At most ${n} entries` };
    case 'number':
      if (bound === 'min' && n === 0) return { message: 'Tidak boleh negatif', messageEn: 'Must not be negative' };
      return bound === 'min'
        ? { message: `Minimal ${n}`, messageEn: `At least ${n}` }
        : { message: `Terlalu besar (maksimal ${n})`, messageEn: `Too large (at most ${n})` };
    default:
      return bound === 'min'
        ? { message: 'Nilai terlalu kecil', messageEn: 'Value too small' }
        : { message: 'Nilai terlalu besar', messageEn: 'Value too large' };
  }
}

const TYPE_NAMES_ID: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  integer: 'bilangan bulat',
  boolean: 'ya/tidak (boolean)',
  array: 'daftar (array)',
  object: 'objek',
};

export function describeZodIssue(issue: ZodIssue): IssueText {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.received === 'undefined' || issue.received === 'null') {
        return { message: 'Wajib diisi', messageEn: 'Required' };
      }
      if (issue.expected === 'integer') {
        return { message: 'Harus bilangan bulat (tanpa desimal)', messageEn: 'Must be an integer' };
      }
      const expected = TYPE_NAMES_ID[issue.expected] ?? issue.expected;
      return {
        message: `Harus berupa ${expected}, bukan ${TYPE_NAMES_ID[issue.received] ?? issue.received}`,
        messageEn: `Expected ${issue.expected}, received ${issue.received}`,
      };
    }
    case 'invalid_enum_value':
      return {
        message: `Nilai "${String(issue.received)}" tidak dikenal; pilih salah satu: ${issue.options.join(', ')}`,
        messageEn: `Unknown value "${String(issue.received)}"; expected one of: ${issue.options.join(', ')}`,
      };
    case 'invalid_string':
      if (issue.validation === 'datetime') {
        return {
          message: 'Harus waktu ISO-8601 dengan zona, mis. 2021-01-18T09:00:00+07:00',
          messageEn: 'Must be an ISO-8601 date-time with offset, e.g. 2021-01-18T09:00:00+07:00',
        };
      }
      if (issue.validation === 'regex' && issue.message === 'e-meterai-serial') {
        return {
          message: 'Nomor seri e-Meterai hanya boleh huruf, angka, titik, garis miring atau tanda hubung',
          messageEn: 'e-Meterai serial: letters, digits, dot, slash or hyphen only',
        };
      }
      if (issue.validation === 'regex') {
        return {
          message: `ID tidak valid: ${issue.message}`,
          messageEn: 'Invalid id: letters, digits, dot, underscore and hyphen only, starting with a letter or digit',
        };
      }
      return { message: 'Format teks tidak valid', messageEn: issue.message };
    case 'too_small':
      return sizeText(issue, 'min');
    case 'too_big':
      return sizeText(issue, 'max');
    case 'not_finite':
      return { message: 'Harus angka yang terhingga', messageEn: 'Must be a finite number' };
    default:
      return { message: `Tidak valid (${issue.code})`, messageEn: issue.message };
  }
}
