// The verification pages' shell: one self-contained HTML document (inline CSS, no fonts, scripts
// or images from elsewhere), so it loads on a phone on a weak connection and leaks no visit to a
// third party (the one script, for drag and drop and progress, is served from here too and is
// optional: the form posts without it). Everything interpolated goes through `html` tagged templates, which escape.

import { VERIFY_CSS, VERIFY_SCRIPT_PATH } from './verify-assets';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Already-escaped markup; only `html` and `raw` make one. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const raw = (text: string) => new Markup(text);

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Value = string | number | Markup | undefined | null | false | Value[];

function render(value: Value): string {
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof Markup) return value.text;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new Markup(out);
}

/**
 * Both languages in the markup, one shown: the page's `lang` (id unless ?lang=en) hides the other
 * with CSS, so the id/en switch works without JavaScript and without a second template.
 */
export const bi = (id: string, en: string) => html`<span class="l-id" lang="id">${id}</span><span class="l-en" lang="en">${en}</span>`;

export type PageLang = 'id' | 'en';

/** `?lang=en` picks English; anything else is Bahasa Indonesia. */
export const pageLang = (value: unknown): PageLang => (value === 'en' ? 'en' : 'id');

const CSS = `
:root{--ink:#1b2430;--muted:#5b6675;--line:#d9dee5;--navy:#13294b;--red:#9b1c1c;--ok:#0f6b3a;--okbg:#e7f5ec;--bad:#9b1c1c;--badbg:#fbeaea;--warn:#7a5200;--warnbg:#fdf3df}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#f4f6f8}
header{background:var(--navy);color:#fff;border-bottom:4px solid var(--red)}
header .in{max-width:60rem;margin:0 auto;padding:.9rem 1rem}
header a{color:#fff;text-decoration:none;font-weight:700;letter-spacing:.04em}
header small{display:block;opacity:.8;font-weight:400}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem;color:var(--navy)}
.en{color:var(--muted);font-weight:400}
section.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;margin:0 0 1rem}
dl{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.35rem 1rem;margin:0}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num{text-align:right;white-space:nowrap}
.verdict{border-radius:6px;padding:1rem;margin:0 0 1rem;border:1px solid}
.verdict strong{display:block;font-size:1.2rem}
.v-valid{background:var(--okbg);border-color:var(--ok);color:var(--ok)}
.v-tampered,.v-unknown-document{background:var(--badbg);border-color:var(--bad);color:var(--bad)}
.v-not-sealed{background:var(--warnbg);border-color:var(--warn);color:var(--warn)}
.verdict p{color:var(--ink);margin:.4rem 0 0}
.note{background:var(--warnbg);border-left:4px solid var(--warn);padding:.75rem 1rem;margin:1rem 0}
form{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
input[type=file]{max-width:100%}
button,.button{background:var(--navy);color:#fff;border:0;border-radius:4px;padding:.6rem 1.1rem;font:inherit;cursor:pointer;text-decoration:none;display:inline-block}
a{color:var(--navy)}
footer{max-width:60rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.85rem}
html[lang=id] .l-en,html[lang=en] .l-id{display:none}
header .in{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.langs a{color:#fff;opacity:.75;font-weight:600;padding:.2rem .45rem;border:1px solid transparent;border-radius:4px;text-decoration:none}
.langs a[aria-current=true]{opacity:1;border-color:#fff}
${VERIFY_CSS}
@media (max-width:40rem){dl{grid-template-columns:1fr}dt{margin-top:.4rem}
 table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}
 table.stack td{display:block;border:0;padding:.15rem 0}table.stack td[data-label]::before{content:attr(data-label)": ";color:var(--muted)}
 td.num{text-align:left}}
`;

/** The bar at the top of a page: where its brand links to, and what it says under the name. */
export interface PageChrome {
  href: string;
  label: string;
  sub: string;
}

/** Site pages (home, 404) pass their chrome and carry no script: their policy allows none. */
export function page(title: string, body: Markup, lang: PageLang = 'id', path = '/verify', chrome?: PageChrome): string {
  const switchLink = (code: PageLang) =>
    `<a href="${escapeHtml(path)}?lang=${code}" lang="${code}" hreflang="${code}"${code === lang ? ' aria-current="true"' : ''}>${code.toUpperCase()}</a>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Saksi</title>
<style>${CSS}</style>
${chrome ? '' : `<script src="${VERIFY_SCRIPT_PATH}" defer></script>`}
</head>
<body>
${chrome
  ? `<header><div class="in"><a href="${escapeHtml(chrome.href)}">${escapeHtml(chrome.label)}<small>${escapeHtml(chrome.sub)}</small></a></div></header>`
  : `<header><div class="in"><a href="/verify?lang=${lang}">SAKSI · ${lang === 'en' ? 'DOCUMENT VERIFICATION' : 'VERIFIKASI DOKUMEN'}</a><nav class="langs" aria-label="Bahasa / Language">${switchLink('id')} ${switchLink('en')}</nav></div></header>`}
<main>
${body.text}
</main>
<footer>${bi('Halaman ini tidak memuat apa pun dari situs lain. Berkas yang Anda unggah hanya diperiksa, tidak disimpan.', 'This page loads nothing from other sites. Files you upload are only checked, never stored.').text}</footer>
</body>
</html>`;
}
