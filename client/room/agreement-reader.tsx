// The agreement itself, readable before signing: the same preamble, parties, value and clauses
// the PDF prints (shared/documents/agreement-text), in text the browser can enlarge and reflow on
// a phone; and the original PDF one tap away. Loaded on demand, outside the room's first chunk.
import { useState } from 'react';
import type { Agreement, Party, TimeZoneName } from '../../shared/domain/types';
import { AGREEMENT_CLAUSES, agreementPreamble } from '../../shared/documents/agreement-text';
import { formatRupiah } from '../../shared/format/rupiah';
import { terbilangRupiah } from '../../shared/format/terbilang';
import { documentUrl } from '../lib/ceremony-index';
import { kindKey, type MessageKey } from '../ui/i18n';
import { useI18n } from '../ui/i18n-context';

const SIZES = [0.9, 1, 1.15, 1.3];

export default function AgreementReader(props: {
  ceremony: { id: string; title: string; startsAt: string };
  zone: TimeZoneName;
  agreement: Agreement;
  parties: Party[];
}) {
  const { t } = useI18n();
  const [size, setSize] = useState(1);
  const { agreement, parties } = props;
  const preamble = agreementPreamble(props.ceremony, props.zone);
  return (
    <div className="reader" data-testid="agreement-reader">
      <div className="reader__tools">
        <button type="button" className="button button--small button--quiet" disabled={size === 0} onClick={() => setSize(size - 1)} title={t('reader.smaller')}>A−<span className="visually-hidden"> {t('reader.smaller')}</span></button>
        <button type="button" className="button button--small button--quiet" disabled={size === SIZES.length - 1} onClick={() => setSize(size + 1)} title={t('reader.larger')}>A+<span className="visually-hidden"> {t('reader.larger')}</span></button>
        <a className="button button--small button--secondary" href={documentUrl(props.ceremony.id, agreement.id)} target="_blank" rel="noopener">
          {t('reader.pdf')}
        </a>
      </div>
      <article className="reader__text" style={{ fontSize: `${SIZES[size]}rem` }} lang="id" tabIndex={0} aria-label={t('reader.open', { number: agreement.id })}>
        <h4>PERJANJIAN KEMITRAAN · Nomor {agreement.id}</h4>
        <p>{preamble.id}</p>
        <p className="reader__en" lang="en">{preamble.en}</p>
        <h5>PARA PIHAK / THE PARTIES</h5>
        <ol>
          {parties.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — {t(`${kindKey(p.kind)}.long` as MessageKey)} ({p.kind}), {p.sector}, {p.province}; {p.representative.name}, {p.representative.title}
            </li>
          ))}
        </ol>
        <h5>POKOK PERJANJIAN / SUBJECT MATTER</h5>
        <p>{agreement.title}</p>
        <h5>NILAI KEMITRAAN / PARTNERSHIP VALUE</h5>
        <p>
          {formatRupiah(agreement.valueIdr)} ({terbilangRupiah(agreement.valueIdr)})
        </p>
        <h5>KETENTUAN / TERMS</h5>
        {AGREEMENT_CLAUSES.map((c) => (
          <div key={c.id.slice(0, 8)}>
            <p>{c.id}</p>
            <p className="reader__en" lang="en">{c.en}</p>
          </div>
        ))}
      </article>
    </div>
  );
}
