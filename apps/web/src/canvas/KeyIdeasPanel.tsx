import { useEffect, useId, useRef } from 'react';
import { getKeyIdeaText, takesActionSheet } from '@concerto/board';
import type { KeyIdea, Sheet } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { elision } from '../i18n/french.js';
import { useBoardStore, useZones } from '../sync/hooks.js';
import { bindTextField } from '../sync/yTextBinding.js';
import { clusterTitle } from './labels.js';
import { useSheets } from '../sheets/useSheets.js';
import { useKeyIdeaBudget } from './keyIdeaBudget.js';
import { PushToPlenary } from './PushToPlenary.js';
import { useCanvas } from './roomContext.js';

export const KEY_IDEA_MAX = 400;

/**
 * « Idées clés (n/2) »: the ideas the group chose, reworded in place, reordered, removed, and
 * shared to the plenary. The limit is said before it bites.
 */
export function KeyIdeasPanel({ id }: { id?: string }) {
  const { room, readOnly } = useCanvas();
  const t = useT();
  const { counted, capacity: limit, freeZone, perZone } = useKeyIdeaBudget();
  // A zoned board counts per zone (packages/board R27): each zone's count is said, never their sum.
  const zoned = perZone.length > 0;
  const sheets = useSheets(room.doc);
  const headingId = useId();
  // « Écrire une idée clé » adds an empty slot: the next thing to do is to write in it.
  const focusNext = useRef<string | null>(null);

  return (
    <section id={id} className="key-ideas" aria-labelledby={headingId}>
      <h2 id={headingId}>{zoned ? t('zone.keyIdeasHeading') : t('keyIdeas.title', { count: counted.length, limit })}</h2>
      {zoned && (
        <ul className="key-idea-zones">
          {perZone.map((zone) => (
            <li key={zone.id} className={zone.count >= zone.limit ? 'key-idea-zone--full' : undefined}>
              {t('zone.keyIdeasCount', { name: zone.title, count: zone.count, limit: zone.limit })}
            </li>
          ))}
        </ul>
      )}
      {counted.length === 0 ? (
        <p className="hint">{readOnly ? t('keyIdeas.none.readOnly') : zoned ? t('zone.keyIdeasNone') : t('keyIdeas.none', { limit })}</p>
      ) : (
        <ol className="key-idea-list">
          {counted.map((idea, index) => (
            <KeyIdeaItem key={idea.id} idea={idea} index={index} count={counted.length} focusNext={focusNext}
              hasSheet={sheets.some((sheet) => sheet.keyIdeaId === idea.id)} />
          ))}
        </ol>
      )}
      <KeptSheets sheets={sheets.filter((sheet) => !counted.some((idea) => idea.id === sheet.keyIdeaId))} />
      {!readOnly && counted.length < limit && (
        <button type="button" className="link-button" onClick={() => {
          const marked = room.actions.markKeyIdea({ text: '' }, freeZone);
          if (marked.ok) focusNext.current = marked.id;
        }}>
          {t('keyIdeas.writeOwn')}
        </button>
      )}
      {!readOnly && counted.length >= limit && <p className="hint">{zoned ? t('zone.keyIdeasAllFull') : t('keyIdeas.full', { limit })}</p>}
      {!readOnly && <PushToPlenary ideas={counted} />}
    </section>
  );
}

function KeyIdeaItem({ idea, index, count, focusNext, hasSheet }: {
  idea: KeyIdea;
  index: number;
  count: number;
  focusNext: { current: string | null };
  hasSheet: boolean;
}) {
  const { room, readOnly, announce, showSheet } = useCanvas();
  const store = useBoardStore();
  const zones = useZones();
  const zone = zones.find((z) => z.id === idea.zone);
  const t = useT();
  const field = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();
  // A reorder replaces the entry (and its shared text): re-bind when the text object changes.
  const text = getKeyIdeaText(room.doc, idea.id);

  useEffect(() => {
    if (field.current === null || text === null || readOnly) return;
    const unbind = bindTextField(field.current, text, { origin: room.actions.origin, undo: room.undo });
    if (focusNext.current === idea.id) {
      focusNext.current = null;
      field.current.focus();
    }
    return unbind;
  }, [room, text, readOnly, focusNext, idea.id]);

  const author = idea.source.kind === 'note' ? (store.getNote(idea.source.id)?.author ?? '').trim() : '';
  const source = idea.source.kind === 'note'
    ? author === '' ? t('keyIdeas.fromAnonymousNote') : t('keyIdeas.fromNote', { author, elide: elision(author) })
    : idea.source.kind === 'cluster'
      ? t('keyIdeas.fromCluster', { name: clusterTitle(t, store.getCluster(idea.source.id)?.label ?? '') })
      : null;

  const move = (to: number) => {
    room.actions.moveKeyIdea(idea.id, to);
    announce(t('keyIdeas.moved', { position: to + 1 }));
  };

  return (
    <li className="key-idea">
      {readOnly
        ? <p className="key-idea-label">{t('keyIdeas.itemLabel.readOnly', { position: index + 1 })}</p>
        : <label htmlFor={fieldId} className="key-idea-label">{t('keyIdeas.itemLabel', { position: index + 1 })}</label>}
      {readOnly ? (
        <p id={fieldId} className="key-idea-text">{idea.text}</p>
      ) : (
        <textarea id={fieldId} ref={field} rows={3} maxLength={KEY_IDEA_MAX} placeholder={t('keyIdeas.placeholder')} />
      )}
      {source !== null && <p className="key-idea-source">{source}</p>}
      {(hasSheet || (!readOnly && takesActionSheet(zones, idea))) && (
        <button type="button" className="link-button key-idea-sheet" onClick={() => showSheet(idea.id)}
          aria-label={t(hasSheet ? 'sheets.openLabel' : 'sheets.createLabel', { position: index + 1 })}>
          {t(hasSheet ? 'sheets.open' : 'sheets.create')}
        </button>
      )}
      {zone !== undefined && <p className="key-idea-source">{t('move.toZone', { name: zone.title })}</p>}
      {!readOnly && (
        <div className="key-idea-actions">
          <button type="button" disabled={index === 0} onClick={() => move(index - 1)}
            aria-label={t('keyIdeas.up', { position: index + 1 })}>↑</button>
          <button type="button" disabled={index === count - 1} onClick={() => move(index + 1)}
            aria-label={t('keyIdeas.down', { position: index + 1 })}>↓</button>
          <button type="button" onClick={() => {
            room.actions.unmarkKeyIdea(idea.id);
            announce(t('keyIdeas.unmarked'));
          }}>
            {t('keyIdeas.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Sheets whose key idea was removed (or no longer counts) are kept (board SPEC S5): still reachable here. */
function KeptSheets({ sheets }: { sheets: readonly Sheet[] }) {
  const { showSheet } = useCanvas();
  const t = useT();
  if (sheets.length === 0) return null;
  return (
    <div className="kept-sheets">
      <p className="hint">{t('sheets.kept', { count: sheets.length })}</p>
      <ul>
        {sheets.map((sheet) => (
          <li key={sheet.keyIdeaId}>
            <button type="button" className="link-button" onClick={() => showSheet(sheet.keyIdeaId)}>
              {sheet.title !== '' ? sheet.title : t('sheets.orphan')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

