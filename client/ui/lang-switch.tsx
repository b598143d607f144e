import { LANGS } from './i18n';
import { useI18n } from './i18n-context';

/** Two pressed/unpressed buttons rather than a select: one tap, and readable at a distance. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.switch')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          className="lang-switch__option"
          aria-pressed={lang === code}
          lang={code}
          onClick={() => setLang(code)}
          title={t(code === 'id' ? 'lang.id' : 'lang.en')}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
