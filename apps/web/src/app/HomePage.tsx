import { useEffect, useState } from 'react';

import { useT } from '../i18n/index.js';
import { CreateSessionForm } from './CreateSessionForm.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { forgetSession, loadMySessions, rememberSession } from './mySessions.js';
import type { SavedSession } from './mySessions.js';
import { MySessions } from './MySessions.js';
import { SessionLinks } from './SessionLinks.js';
import { CreateProgrammeForm } from '../programme/CreateProgrammeForm.js';
import { MyProgrammes } from '../programme/MyProgrammes.js';
import { forgetProgramme, loadMyProgrammes } from '../programme/myProgrammes.js';
import type { SavedProgramme } from '../programme/myProgrammes.js';

type View = { kind: 'form' } | { kind: 'links'; saved: SavedSession; justCreated: boolean };

/**
 * A short welcome, « Mes séances » (the sessions created on this device), « Mes démarches »
 * (the programmes opened on it), « Créer une séance » and « Créer une démarche »; once a
 * session is created, the page shows its links in place of the form.
 */
export default function HomePage() {
  const t = useT();
  const [view, setView] = useState<View>({ kind: 'form' });
  const [mine, setMine] = useState<SavedSession[]>(() => loadMySessions());
  const [programmes, setProgrammes] = useState<SavedProgramme[]>(() => loadMyProgrammes());
  useEffect(() => {
    document.title = view.kind === 'links' ? `${view.saved.title} · Concerto` : 'Concerto';
    window.scrollTo(0, 0);
  }, [view]);

  if (view.kind === 'links') {
    return (
      <main className="page">
        <div className="page-corner"><LanguageSwitch /></div>
        <p className="eyebrow">Concerto</p>
        <SessionLinks saved={view.saved} justCreated={view.justCreated} onBack={() => setView({ kind: 'form' })} />
      </main>
    );
  }

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
      <MySessions
        sessions={mine}
        onShowLinks={(saved) => setView({ kind: 'links', saved, justCreated: false })}
        onForget={(saved) => {
          // The group links cannot be issued again: make sure this is meant.
          if (!window.confirm(t('mine.forgetConfirm', { title: saved.title }))) return;
          forgetSession(saved.id);
          setMine(loadMySessions());
        }}
      />
      <MyProgrammes
        programmes={programmes}
        onForget={(saved) => {
          if (!window.confirm(t('programme.mine.forgetConfirm', { title: saved.title }))) return;
          forgetProgramme(saved.id);
          setProgrammes(loadMyProgrammes());
        }}
      />
      <CreateSessionForm
        onCreated={(created, date) => {
          const saved = rememberSession(created, date);
          setMine(loadMySessions());
          setView({ kind: 'links', saved, justCreated: true });
        }}
      />
      <CreateProgrammeForm />
    </main>
  );
}
