import { useEffect } from 'react';

import { useT } from '../i18n/index.js';
import { CreateSessionForm } from './CreateSessionForm.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** A short welcome: what Concerto is, and creating a séance (the facilitator console comes later). */
export function HomePage() {
  const t = useT();
  useEffect(() => {
    document.title = 'Concerto';
  }, []);
  return (
    <main className="page">
      <div className="page-corner"><LanguageSwitch /></div>
      <h1>Concerto</h1>
      <p className="lead">{t('home.lead')}</p>
      <ul className="home-points">
        <li>{t('home.point1')}</li>
        <li>{t('home.point2')}</li>
        <li>{t('home.point3')}</li>
      </ul>
      <CreateSessionForm />
    </main>
  );
}
