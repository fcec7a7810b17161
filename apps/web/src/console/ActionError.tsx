import { useT } from '../i18n/index.js';
import type { ActionProblem } from './useAction.js';

/** What went wrong with a control, said plainly next to it. */
export function ActionError({ problem }: { problem: ActionProblem | null }) {
  const t = useT();
  if (problem === null) return null;
  return <p className="error action-error" role="alert">{t(`console.problem.${problem}`)}</p>;
}
