import { useT } from '../i18n/index.js';
import type { MessageId } from '../i18n/index.js';
import type { LinkProblemReason } from '../session/LinkProblem.js';

const MESSAGES: Record<LinkProblemReason, MessageId> = {
  'invalid-link': 'problem.invalidLink',
  'no-token': 'problem.invalidLink',
  'not-found': 'plenary.problem.notFound',
  'too-large': 'problem.tooLarge',
  unreachable: 'problem.unreachable',
};

/**
 * A plenary or projection link that does not open: the page keeps its name as its heading
 * (people know where they tried to go), then what happened and what to do.
 */
export function AccessProblem({ title, reason, onRetry }: { title: string; reason: LinkProblemReason; onRetry?: () => void }) {
  const t = useT();
  return (
    <main className="page page--narrow">
      <h1>{title}</h1>
      <p role="alert" className="problem">{t(MESSAGES[reason])}</p>
      {onRetry !== undefined && <button type="button" className="primary" onClick={onRetry}>{t('common.retry')}</button>}
      <p><a href="/">{t('problem.home')}</a></p>
    </main>
  );
}
