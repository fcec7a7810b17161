import { useT } from '../i18n/index.js';
import type { MessageId } from '../i18n/index.js';

export type LinkProblemReason = 'invalid-link' | 'not-found' | 'too-large' | 'no-token' | 'unreachable';

const MESSAGES: Record<LinkProblemReason, MessageId> = {
  'invalid-link': 'problem.invalidLink',
  'no-token': 'problem.invalidLink',
  'not-found': 'problem.notFound',
  'too-large': 'problem.tooLarge',
  unreachable: 'problem.unreachable',
};

/** A link that cannot open the canvas: what happened and what to do, never a code alone. */
export function LinkProblem({ reason, onRetry, title }: { reason: LinkProblemReason; onRetry?: () => void; title?: string }) {
  const t = useT();
  return (
    <main className="page page--narrow">
      <h1>{title ?? t('problem.title')}</h1>
      <p role="alert" className="problem">{t(MESSAGES[reason])}</p>
      {onRetry !== undefined && <button type="button" className="primary" onClick={onRetry}>{t('common.retry')}</button>}
      <p><a href="/">{t('problem.home')}</a></p>
    </main>
  );
}
