import type { IdeaFlags, PlenaryIdea } from '@concerto/board';

import { useLocale } from '../app/I18nProvider.js';
import { StarIcon } from '../canvas/icons.js';
import { formatClock, useT } from '../i18n/index.js';
import { flagsOf, indexIdeas, pushedGroups, visibleIdeas, voteItems } from '../plenary/ideas.js';
import { VoteResults } from '../plenary/vote/VoteResults.js';
import type { PlenaryView } from '../sync/plenaryStore.js';
import type { Step } from './steps.js';

/** The step's name: the stage's heading, and what a screen reader hears when it changes. */
export function useStepTitle(step: Step, view: PlenaryView): string {
  const t = useT();
  switch (step.kind) {
    case 'all': return t('projection.all');
    case 'group': return view.plenary.groups.find((g) => g.id === step.id)?.name ?? '';
    case 'themes': return t('projection.themes');
    case 'theme': return view.plenary.themes.find((theme) => theme.id === step.id)?.label.trim() || t('plenary.theme.untitled');
    case 'vote': return t(view.control.vote?.open === true ? 'plenary.vote.open.title' : 'plenary.vote.closed.title');
  }
}

/** Ideas as the room sees them: hidden ones left out, highlighted ones marked in words and colour. */
function Ideas({ ideas, flags, from }: { ideas: readonly PlenaryIdea[]; flags: ReadonlyMap<string, IdeaFlags>; from?: (id: string) => string | undefined }) {
  const t = useT();
  return (
    <ul className="projection-ideas">
      {visibleIdeas(ideas, flags).map((idea) => {
        const highlighted = flagsOf(flags, idea.id).highlighted;
        const source = from?.(idea.id);
        return (
          <li key={idea.id} className={`projection-idea${highlighted ? ' projection-idea--highlighted' : ''}`}>
            {highlighted && <span className="projection-star"><StarIcon /><span className="sr-only">{t('projection.highlightedPrefix')} </span></span>}
            <span className="projection-idea-text">{idea.text}</span>
            {source !== undefined && <span className="projection-from">{source}</span>}
          </li>
        );
      })}
    </ul>
  );
}

export function ProjectedStep({ step, view, titleId, title }: { step: Step; view: PlenaryView; titleId: string; title: string }) {
  const t = useT();
  const { locale } = useLocale();
  const { plenary, flags } = view;
  const ideas = indexIdeas(plenary);
  const fromGroup = (id: string) => ideas.get(id)?.group.name;
  const heading = <h2 id={titleId} className="projection-title">{title}</h2>;

  if (step.kind === 'group') {
    const group = plenary.groups.find((g) => g.id === step.id);
    const shown = group === undefined ? [] : visibleIdeas(group.keyIdeas, flags);
    return (
      <>
        {heading}
        {group?.pushedAt != null && <p className="projection-sub">{t('plenary.group.sharedAt', { time: formatClock(group.pushedAt, locale) })}</p>}
        {shown.length === 0 ? <p className="projection-empty">{t('projection.groupEmpty')}</p> : <Ideas ideas={shown} flags={flags} />}
      </>
    );
  }
  if (step.kind === 'theme') {
    const theme = plenary.themes.find((candidate) => candidate.id === step.id);
    const members = (theme?.ideaIds ?? []).flatMap((id) => ideas.get(id)?.idea ?? []);
    return (
      <>
        {heading}
        {theme !== undefined && theme.synthesis.trim() !== '' && <p className="projection-synthesis">{theme.synthesis}</p>}
        {visibleIdeas(members, flags).length === 0
          ? <p className="projection-empty">{t('projection.themeEmpty')}</p>
          : <Ideas ideas={members} flags={flags} from={fromGroup} />}
      </>
    );
  }
  if (step.kind === 'themes') {
    return (
      <>
        {heading}
        <div className="projection-grid">
          {plenary.themes.map((theme) => (
            <section key={theme.id} className="projection-card">
              <h3>{theme.label.trim() || t('plenary.theme.untitled')}</h3>
              <Ideas ideas={theme.ideaIds.flatMap((id) => ideas.get(id)?.idea ?? [])} flags={flags} />
            </section>
          ))}
        </div>
      </>
    );
  }
  if (step.kind === 'vote') {
    const vote = view.control.vote;
    return (
      <>
        {heading}
        <p className="projection-sub">{t('plenary.vote.voters', { count: view.voters })}</p>
        {vote !== null && <VoteResults items={voteItems(vote, plenary, flags, view.tally)} large />}
      </>
    );
  }
  const groups = pushedGroups(plenary);
  return (
    <>
      {heading}
      {groups.length === 0
        ? <p className="projection-empty">{t('projection.allEmpty')}</p>
        : (
          <div className={`projection-grid projection-grid--${Math.min(groups.length, 10)}`}>
            {groups.map((group) => (
              <section key={group.id} className="projection-card">
                <h3>{group.name}</h3>
                <Ideas ideas={group.keyIdeas} flags={flags} />
              </section>
            ))}
          </div>
        )}
    </>
  );
}
