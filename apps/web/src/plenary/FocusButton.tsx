import type { Focus } from '@concerto/board';

import { useT } from '../i18n/index.js';
import type { MessageId } from '../i18n/index.js';
import { usePlenary } from './plenaryContext.js';

function sameFocus(a: Focus, b: Focus): boolean {
  return a.kind === b.kind && (a.kind === 'all' || (b.kind !== 'all' && a.id === b.id));
}

const LABELS: Record<Focus['kind'], MessageId> = {
  all: 'plenary.focus.all',
  group: 'plenary.focus.group',
  theme: 'plenary.focus.theme',
};

/**
 * « Projeter ce groupe / ce thème / tout »: turns every projector of the session there. Pressed
 * while it is what the projectors show. `describedBy` names what it projects for screen readers.
 */
export function FocusButton({ focus, name, describedBy }: { focus: Focus; name: string; describedBy?: string }) {
  const t = useT();
  const { view, actions, announce } = usePlenary();
  if (actions === null) return null;
  const current = sameFocus(view.control.focus, focus);
  return (
    <button
      type="button"
      className="focus-button"
      aria-pressed={current}
      aria-describedby={describedBy}
      onClick={() => {
        actions.focus(focus).then(
          () => announce(t('plenary.focus.done', { name })),
          () => announce(t('plenary.focus.error')),
        );
      }}
    >
      <span aria-hidden="true" className="focus-icon">▣</span>
      {t(LABELS[focus.kind])}
    </button>
  );
}
