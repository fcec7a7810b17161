import type { SessionDescription } from '@concerto/contract';

import { navigate } from '../app/router.js';
import { useT } from '../i18n/index.js';
import type { MessageId } from '../i18n/index.js';
import type { Elsewhere } from './links.js';

export type LinkProblemReason = 'invalid-link' | 'not-found' | 'too-large' | 'no-token' | 'unreachable';

const MESSAGES: Record<LinkProblemReason, MessageId> = {
  'invalid-link': 'problem.invalidLink',
  'no-token': 'link.noToken',
  'not-found': 'problem.notFound',
  'too-large': 'problem.tooLarge',
  unreachable: 'problem.unreachable',
};

/**
 * A link that cannot open the page: what happened and what to do, never a code alone. `messages`
 * lets a page say it its own way (the plenary has no group; the console has its own link).
 */
export function LinkProblem({ reason, onRetry, title, messages }: {
  reason: LinkProblemReason;
  onRetry?: () => void;
  title?: string;
  messages?: Partial<Record<LinkProblemReason, MessageId>>;
}) {
  const t = useT();
  return (
    <main className="page page--narrow">
      <h1>{title ?? t('problem.title')}</h1>
      <p role="alert" className="problem">{t(messages?.[reason] ?? MESSAGES[reason])}</p>
      {onRetry !== undefined && <button type="button" className="primary" onClick={onRetry}>{t('common.retry')}</button>}
      <p><a href="/">{t('problem.home')}</a></p>
    </main>
  );
}

/** The path of a page of the session (the token is kept on the device, so none in the link). */
export function pathOf(sessionId: string, target: Elsewhere): string {
  const page = target.page === 'group' ? target.groupId : target.page;
  return `/s/${encodeURIComponent(sessionId)}/${encodeURIComponent(page)}`;
}

/** How a group is named in a sentence: « le Groupe 3 » but « le groupe « Autonomie » ». */
export function groupKind(name: string): 'named' | 'other' {
  return /^(groupe|group)\b/i.test(name.trim()) ? 'named' : 'other';
}

/**
 * A good link opened on the wrong page (a group's link on another group or on the console):
 * it says what it opens and goes there in one tap, instead of calling the link invalid.
 */
export function ElsewhereNotice({ title, session, target }: { title: string; session: SessionDescription; target: Elsewhere }) {
  const t = useT();
  const group = target.page === 'group' ? session.groups.find((g) => g.id === target.groupId)?.name ?? target.groupId : '';
  const values = { kind: target.page === 'group' ? groupKind(group) : 'projection', group };
  return (
    <main className="page page--narrow">
      <p className="eyebrow">{session.title}</p>
      <h1>{title}</h1>
      <p role="alert" className="problem">{t('link.opens', values)}</p>
      <p className="hint">{t('link.opensHint')}</p>
      <p>
        <a className="button-link primary" href={pathOf(session.id, target)} onClick={(event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          navigate(pathOf(session.id, target));
        }}>
          {t('link.go', values)}
        </a>
      </p>
    </main>
  );
}
