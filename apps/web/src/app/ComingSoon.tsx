import { useEffect } from 'react';

import { useT } from '../i18n/index.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Placeholders for the plenary, facilitation and projection views, and unknown addresses. */
export function ComingSoon({ page }: { page: 'plenary' | 'facilitate' | 'projection' | 'not-found' }) {
  const t = useT();
  const title = t(`soon.${page}`);
  useEffect(() => {
    document.title = `${title} · Concerto`;
  }, [title]);
  return (
    <main className="page page--narrow">
      <div className="page-corner"><LanguageSwitch /></div>
      <h1>{title}</h1>
      <p>{t(page === 'not-found' ? 'soon.notFoundText' : 'soon.text')}</p>
      <p><a href="/">{t('problem.home')}</a></p>
    </main>
  );
}
