import { LinkProblem } from '../session/LinkProblem.js';
import type { LinkProblemReason } from '../session/LinkProblem.js';

/**
 * A plenary or projection link that does not open: the page keeps its name as its heading
 * (people know where they tried to go), then what happened and what to do.
 */
export function AccessProblem({ title, reason, onRetry }: { title: string; reason: LinkProblemReason; onRetry?: () => void }) {
  return <LinkProblem title={title} reason={reason} onRetry={onRetry} messages={{ 'not-found': 'plenary.problem.notFound' }} />;
}
