import { documentUrl } from '../lib/ceremony-index';
import { useI18n } from '../ui/i18n-context';

/** The stamped PDF inline where the browser can show it, and always as a link. */
export function DocumentPreview({ ceremonyId, agreementId, title }: { ceremonyId: string; agreementId: string; title: string }) {
  const { t } = useI18n();
  const url = documentUrl(ceremonyId, agreementId);
  return (
    <figure className="document-preview">
      <figcaption>{t('room.preview')}</figcaption>
      <iframe className="document-preview__frame" src={`${url}#view=FitH&toolbar=0`} title={`${t('room.preview')}: ${title}`} loading="lazy" />
      <a className="button button--secondary" href={url} target="_blank" rel="noopener">
        {t('room.openPdf')}
      </a>
    </figure>
  );
}
