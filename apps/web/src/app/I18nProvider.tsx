import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';

import { fr } from '../i18n/fr.js';
import { loadMessages, pickLocale } from '../i18n/index.js';
import type { Locale, Messages } from '../i18n/index.js';
import { loadLocale, saveLocale } from '../session/storage.js';

const LocaleContext = createContext<{ locale: Locale; setLocale: (locale: Locale) => void }>({
  locale: 'fr',
  setLocale: () => {},
});

export function useLocale() {
  return useContext(LocaleContext);
}

/**
 * French first: the browser's language chooses, a switch changes it and is remembered on the
 * device. French is in the main bundle, English is loaded when needed.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => pickLocale(loadLocale(), navigator.languages ?? [navigator.language]));
  const [messages, setMessages] = useState<{ locale: Locale; messages: Messages }>({ locale: 'fr', messages: fr });

  useEffect(() => {
    let cancelled = false;
    void loadMessages(locale).then((loaded) => {
      if (!cancelled) setMessages({ locale, messages: loaded });
    });
    document.documentElement.lang = locale;
    return () => {
      cancelled = true;
    };
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setLocaleState(next);
  }, []);

  return (
    <LocaleContext.Provider value={{ locale: messages.locale, setLocale }}>
      <IntlProvider locale={messages.locale} messages={messages.messages} defaultLocale="fr">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
