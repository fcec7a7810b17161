import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { mergeThemes, newId, renameMerge, splitTheme } from '@concerto/board';
import type { ConsolidatedTheme } from '@concerto/board';
import type { ProgrammeDescription, ProgrammeMerge } from '@concerto/contract';

import { ApiError, programmeApi } from '../api/client.js';
import { CopyButton } from '../app/CopyButton.js';
import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { useLocale } from '../app/I18nProvider.js';
import { useStickyClearance } from '../app/useStickyClearance.js';
import { formatDay } from '../app/MySessions.js';
import { useT } from '../i18n/index.js';
import { forgetSession as forgetTokens, keepToken, keptToken, takeLinkToken } from '../session/links.js';
import { AttachForm } from './AttachForm.js';
import { NextSessionForm } from './NextSessionForm.js';
import { forgetProgramme, rememberProgramme } from './myProgrammes.js';
import { ProgrammeDnd } from './ProgrammeDnd.js';
import { RoadmapExport } from './RoadmapExport.js';
import { ThemeCard } from './ThemeCard.js';
import { provenanceText } from './provenance.js';
import '../styles/programme.css';

/** Programme tokens are kept like a session's facilitator token, under `programme:<id>`. */
const FACILITATE = { page: 'facilitate' } as const;

const linkOf = (id: string, token: string) => `${window.location.origin}/p/${id}#token=${token}`;

type Loaded = { status: 'loading' } | { status: 'failed'; refused: boolean } | { status: 'ready'; programme: ProgrammeDescription };

/**
 * The programme view (`/p/<id>#token=…`, facilitator only): the sessions of the programme with
 * their territory, their plenaries' themes consolidated with their votes by territory, merged
 * by drag or through each theme's menu, and a new session started from the themes picked.
 */
export default function ProgrammePage({ programmeId }: { programmeId: string }) {
  const t = useT();
  const key = `programme:${programmeId}`;
  const [token] = useState(() => takeLinkToken(key, FACILITATE) ?? keptToken(key, FACILITATE));
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  const load = useCallback(async () => {
    if (token === null) return setLoaded({ status: 'failed', refused: true });
    try {
      const programme = await programmeApi.read(programmeId, token);
      keepToken(key, { role: 'facilitator', groupId: null }, token);
      rememberProgramme(programme, linkOf(programme.id, token));
      setLoaded({ status: 'ready', programme });
    } catch (err) {
      setLoaded({ status: 'failed', refused: err instanceof ApiError && [401, 403, 404].includes(err.status) });
    }
  }, [key, programmeId, token]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loaded.status === 'loading') return <p className="loading" role="status">{t('common.loading')}</p>;
  if (loaded.status === 'failed' || token === null) {
    return (
      <main className="page programme-page">
        <p role="alert">{t(loaded.status === 'failed' && loaded.refused ? 'programme.error.link' : 'programme.error.load')}</p>
        <button type="button" onClick={() => void load()}>{t('common.retry')}</button>
      </main>
    );
  }
  return <ProgrammeView initial={loaded.programme} token={token} />;
}

function ProgrammeView({ initial, token }: { initial: ProgrammeDescription; token: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [programme, setProgramme] = useState(initial);
  const [status, setStatus] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);
  useStickyClearance(statusLine, status);
  const [picked, setPicked] = useState<string[]>([]);
  const sessionsTitle = useId();
  const themesTitle = useId();
  const deleteTitle = useId();
  const consolidated = programme.consolidated as ConsolidatedTheme[];
  const name = (id: string) => consolidated.find((c) => c.id === id)?.title ?? '';

  useEffect(() => {
    document.title = `${t('programme.eyebrow')} · ${programme.title} · Concerto`;
  }, [programme.title, t]);

  // A merge changes the consolidated ids: what was picked and is gone is no longer picked.
  useEffect(() => {
    setPicked((current) => current.filter((id) => programme.consolidated.some((c) => c.id === id)));
  }, [programme.consolidated]);

  /** Stores new merges over the revision shown; on a conflict, shows the stored ones. */
  const save = async (merges: ProgrammeMerge[], done: (next: ProgrammeDescription) => string) => {
    try {
      const next = await programmeApi.saveMerges(programme.id, token, programme.revision, merges);
      setProgramme(next);
      setStatus(done(next));
    } catch (err) {
      const message = (e: unknown) => t('programme.error.save', { message: e instanceof Error ? e.message : String(e) });
      if (!(err instanceof ApiError && err.status === 409)) return setStatus(message(err));
      try {
        setProgramme(await programmeApi.read(programme.id, token));
        setStatus(t('programme.done.conflict'));
      } catch (reloadErr) {
        setStatus(message(reloadErr));
      }
    }
  };

  const merge = (sourceId: string, targetId: string) => {
    const source = name(sourceId);
    const target = name(targetId);
    const newMergeId = newId();
    const resultId = consolidated.find((c) => c.id === targetId)?.merged === true ? targetId : newMergeId;
    const merges = mergeThemes(programme.merges, consolidated, targetId, sourceId, newMergeId);
    return save(merges, (next) => {
      const merged = next.consolidated.find((c) => c.id === resultId);
      return t('programme.done.merged', { source, target, provenance: merged === undefined ? '' : provenanceText(t, merged.votes, merged.byTerritory) });
    });
  };
  const split = (id: string) => save(splitTheme(programme.merges, id), () => t('programme.done.split', { name: name(id) }));
  const rename = (id: string, title: string) => save(renameMerge(programme.merges, id, title), () => t('programme.done.renamed', { name: title }));
  const detach = async (session: ProgrammeDescription['sessions'][number]) => {
    if (!window.confirm(t('programme.detachConfirm', { title: session.title, territory: session.territory }))) return;
    try {
      setProgramme(await programmeApi.detach(programme.id, token, session.id));
      setStatus(t('programme.detached', { title: session.title }));
    } catch (err) {
      setStatus(t('programme.error.save', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  const remove = async () => {
    if (!window.confirm(t('programme.delete.confirm', { title: programme.title }))) return;
    try {
      await programmeApi.remove(programme.id, token);
    } catch (err) {
      return setStatus(t('programme.delete.error', { message: err instanceof Error ? err.message : String(err) }));
    }
    // Nothing of it is left to open: this device forgets its link too.
    forgetProgramme(programme.id);
    forgetTokens(`programme:${programme.id}`);
    window.location.assign('/');
  };
  const togglePick = (id: string) => setPicked((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));

  return (
    <div className="page programme-page">
      <header className="programme-header">
        <div>
          <p className="eyebrow">{t('programme.eyebrow')}</p>
          <h1>{programme.title}</h1>
        </div>
        <LanguageSwitch />
      </header>
      <main>
        <p className="programme-status" role="status" ref={statusLine}>{status}</p>
        <p className="programme-link">
          <strong>{t('programme.link.title')}</strong> {t('programme.link.hint')}{' '}
          <CopyButton text={linkOf(programme.id, token)} label={t('programme.link.copy')} />
        </p>
        <section aria-labelledby={sessionsTitle} className="programme-sessions">
          <h2 id={sessionsTitle}>{t('programme.sessions.title', { count: programme.sessions.length })}</h2>
          {programme.sessions.length === 0
            ? <p className="hint">{t('programme.sessions.none')}</p>
            : (
              <ul>
                {programme.sessions.map((s) => (
                  <li key={s.id}>
                    <span className="territory-badge">{s.territory}</span> {s.title}
                    {s.date !== null && <span className="hint"> · {formatDay(s.date, locale)}</span>}
                    <span className="hint"> · {t('programme.sessions.themes', { count: s.themes.length })}, {t('programme.votes', { votes: s.themes.reduce((n, theme) => n + theme.votes, 0) })}</span>
                    {' '}
                    <button type="button" className="link-button" onClick={() => void detach(s)}>
                      {t('programme.detach')}<span className="sr-only"> {s.title} ({s.territory})</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          <AttachForm programmeId={programme.id} token={token} onAttached={(next, territory) => {
            setProgramme(next);
            setStatus(t('programme.attach.done', { territory }));
          }} />
        </section>
        <section aria-labelledby={themesTitle} className="programme-themes">
          <h2 id={themesTitle}>{t('programme.themes.title', { count: consolidated.length })}</h2>
          <p className="hint">{consolidated.length === 0 ? t('programme.themes.none') : t('programme.themes.hint')}</p>
          <ProgrammeDnd themes={consolidated} onMerge={(source, target) => void merge(source, target)} announce={setStatus}>
            <ol className="consolidated-list">
              {consolidated.map((theme) => (
                <ThemeCard
                  key={theme.id}
                  theme={theme}
                  others={consolidated.filter((c) => c.id !== theme.id)}
                  picked={picked.includes(theme.id)}
                  onPick={() => togglePick(theme.id)}
                  onMerge={(targetId) => merge(theme.id, targetId)}
                  onSplit={() => split(theme.id)}
                  onRename={(title) => rename(theme.id, title)}
                />
              ))}
            </ol>
          </ProgrammeDnd>
        </section>
        <NextSessionForm programmeId={programme.id} token={token} picked={picked.map((id) => consolidated.find((c) => c.id === id)).filter((c) => c !== undefined)}
          onCreated={async () => {
            // Said by the form's confirmation, in place: the sticky line above covered the form.
            setStatus('');
            setPicked([]);
            // The new session joins the list; if this read fails, the next load shows it.
            setProgramme(await programmeApi.read(programme.id, token).catch(() => programme));
          }} />
        <RoadmapExport programmeId={programme.id} token={token} />
        <section aria-labelledby={deleteTitle} className="programme-delete">
          <h2 id={deleteTitle}>{t('programme.delete.title')}</h2>
          <p className="hint">{t('programme.delete.hint')}</p>
          <button type="button" className="danger" onClick={() => void remove()}>{t('programme.delete.submit')}</button>
        </section>
      </main>
    </div>
  );
}
