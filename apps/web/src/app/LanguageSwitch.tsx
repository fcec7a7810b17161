import { useT } from '../i18n/index.js';
import { useLocale } from './I18nProvider.js';

/** Switches between French and English; the other language is named in its own words. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  const other = locale === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="language-switch" onClick={() => setLocale(other)}>
      <span className="sr-only">{t('language.switch')} </span>
      <span lang={other}>{other === 'en' ? 'English' : 'Français'}</span>
    </button>
  );
}
