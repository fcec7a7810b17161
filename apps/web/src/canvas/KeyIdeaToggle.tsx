import { useId, useState } from 'react';
import type { KeyIdeaSourceRef } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { useKeyIdeas } from '../sync/hooks.js';
import { useCanvas } from './roomContext.js';

/**
 * Marks a note or a cluster as a key idea, or unmarks it. At the limit the button stays
 * reachable and says plainly why it cannot mark more, instead of failing.
 */
export function KeyIdeaToggle({ source, keyIdeaId, onDone }: {
  source: KeyIdeaSourceRef;
  keyIdeaId: string | null;
  onDone: () => void;
}) {
  const { room, session, announce } = useCanvas();
  const t = useT();
  const ideas = useKeyIdeas();
  const hintId = useId();
  const [refused, setRefused] = useState(false);
  const limit = session.keyIdeaLimit;
  const full = ideas.length >= limit;

  if (keyIdeaId !== null) {
    return (
      <button type="button" onClick={() => {
        room.actions.unmarkKeyIdea(keyIdeaId);
        announce(t('keyIdeas.unmarked'));
        onDone();
      }}>
        {t('keyIdeas.unmark')}
      </button>
    );
  }
  const fullMessage = t('keyIdeas.full', { limit });
  return (
    <>
      <button
        type="button"
        aria-disabled={full}
        aria-describedby={full ? hintId : undefined}
        onClick={() => {
          if (full) {
            setRefused(true);
            announce(fullMessage);
            return;
          }
          const result = room.actions.markKeyIdea(source);
          if (result.ok) {
            announce(t('keyIdeas.marked', { count: ideas.length + 1, limit }));
            onDone();
          } else {
            setRefused(true);
            announce(fullMessage);
          }
        }}
      >
        {t('keyIdeas.mark')}
      </button>
      {(full || refused) && <p id={hintId} className="hint">{fullMessage}</p>}
    </>
  );
}
