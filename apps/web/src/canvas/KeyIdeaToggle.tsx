import { useId, useState } from 'react';
import type { KeyIdeaSourceRef } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { useKeyIdeaBudget } from './keyIdeaBudget.js';
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
  const { room, announce } = useCanvas();
  const t = useT();
  const budget = useKeyIdeaBudget();
  const hintId = useId();
  const [refused, setRefused] = useState(false);
  // On a board with zones the limit is the zone's (« 3 actions prioritaires » in « Actions »).
  const { zone, limit, full, count } = budget.room(source);

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
  const fullMessage = zone === null ? t('keyIdeas.full', { limit }) : t('zone.keyIdeasFull', { name: zone, limit });
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
            // Counted where it counts: in its zone on a zoned board (never the sum over zones).
            announce(zone === null ? t('keyIdeas.marked', { count: count + 1, limit }) : t('zone.keyIdeaMarked', { name: zone, count: count + 1, limit }));
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
