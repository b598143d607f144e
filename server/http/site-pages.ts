// Server-rendered pages outside verification: the home page (every ceremony, with its public tally
// and record) and the branded error pages (404, malformed address). Same self-contained shell as
// the verification pages; Bahasa Indonesia first.
import type { CeremonySummary } from '../persistence/store-contract';
import { bi, html, page, type PageChrome } from './verify-html';

const SITE: PageChrome = { href: '/', label: 'SAKSI', sub: 'Upacara penandatanganan virtual / Virtual signing ceremonies' };

export function renderHomePage(ceremonies: CeremonySummary[]): string {
  const list = ceremonies.length
    ? html`<table class="stack"><thead><tr><th>${bi('Upacara', 'Ceremony')}</th><th>${bi('Perjanjian', 'Agreements')}</th><th></th></tr></thead><tbody>
${ceremonies.map((c) => html`<tr><td data-label="Upacara">${c.title} <span class="en">(${c.id})</span></td><td data-label="Perjanjian">${c.agreements}</td>
<td><a href="/tally/${encodeURIComponent(c.id)}">${bi('Tally langsung', 'Live tally')}</a> · <a href="/verify/${encodeURIComponent(c.id)}">${bi('Catatan dan verifikasi', 'Record and verification')}</a></td></tr>`)}
</tbody></table>`
    : html`<p>${bi('Belum ada upacara.', 'No ceremonies yet.')}</p>`;
  return page('Saksi', html`<h1>${bi('Upacara penandatanganan', 'Signing ceremonies')}</h1>
<section class="card">${list}</section>
<p><a class="button" href="/verify">${bi('Verifikasi dokumen', 'Verify a document')}</a></p>`, 'id', '/', SITE);
}

function errorPage(title: { id: string; en: string }, text: { id: string; en: string }): string {
  return page(title.id, html`<h1>${bi(title.id, title.en)}</h1>
<section class="card"><p>${bi(text.id, text.en)}</p>
<p><a class="button" href="/">${bi('Ke daftar upacara', 'To the list of ceremonies')}</a> <a href="/verify">${bi('Verifikasi dokumen', 'Verify a document')}</a></p></section>`, 'id', '/', SITE);
}

export const renderNotFoundPage = () =>
  errorPage(
    { id: 'Halaman tidak ditemukan', en: 'Page not found' },
    { id: 'Alamat ini tidak ada di Saksi. Periksa tautan yang Anda terima.', en: 'This address does not exist on Saksi. Check the link you were given.' },
  );

export const renderBadPathPage = () =>
  errorPage(
    { id: 'Alamat tidak valid', en: 'Malformed address' },
    { id: 'Alamat ini tidak dapat dibaca (penyandian persen rusak). Periksa tautan yang Anda terima.', en: 'This address cannot be read (broken percent-encoding). Check the link you were given.' },
  );
