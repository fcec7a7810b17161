import { useEffect, useRef } from 'react';
import { noteRect } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { useClusters, useNote, useZones } from '../sync/hooks.js';
import { clusterTitle } from './labels.js';
import { spotNear } from './placement.js';
import { useCanvas } from './roomContext.js';

/**
 * « Déplacer vers… »: the same moves as dragging, as a list of places, for people who cannot
 * or do not want to drag: to another zone (on a board with zones), out of the cluster, into
 * another cluster, into a new cluster.
 */
export function MoveToMenu({ noteId, onDone, onBack }: { noteId: string; onDone: () => void; onBack: () => void }) {
  const { room, announce, viewport } = useCanvas();
  const { store, actions } = room;
  const t = useT();
  const note = useNote(noteId);
  const clusters = useClusters();
  const zones = useZones();
  const list = useRef<HTMLUListElement>(null);
  // The button that opened this list is gone: the first place to move to takes the focus.
  useEffect(() => {
    list.current?.querySelector('button')?.focus({ preventScroll: true });
  }, []);
  if (note === undefined) return null;
  const current = clusters.find((c) => c.id === note.cluster);

  /** Where a note leaving its cluster goes: a free place just right of the cluster. */
  const outside = () => {
    const bounds = current?.bounds;
    return bounds === undefined
      ? { x: note.x, y: note.y }
      : spotNear(store, { x: bounds.x + bounds.width + 140, y: bounds.y + 100 });
  };

  const done = (message: string) => {
    announce(message);
    onDone();
  };

  return (
    <div className="move-to">
      <p className="popover-title" id={`move-${noteId}`}>{t('move.title')}</p>
      <ul ref={list} className="menu-list" aria-labelledby={`move-${noteId}`}>
        {zones.filter((zone) => zone.id !== note.zone && !zone.readOnly).map((zone) => (
          <li key={zone.id}>
            <button type="button" onClick={() => {
              // The view follows the note: at a readable zoom the other zone is often off screen.
              const moved = actions.moveToZone(noteId, zone.id) ? store.getNote(noteId) : undefined;
              if (moved !== undefined) viewport.reveal(noteRect(moved));
              done(t('move.done.zone', { name: zone.title }));
            }}>
              {t('move.toZone', { name: zone.title })}
            </button>
          </li>
        ))}
        {current !== undefined && (
          <li>
            <button type="button" onClick={() => {
              actions.placeNote(noteId, outside());
              done(t('move.done.canvas'));
            }}>
              {t('move.toCanvas')}
            </button>
          </li>
        )}
        {clusters.filter((c) => c.id !== note.cluster).map((cluster) => (
          <li key={cluster.id}>
            <button type="button" onClick={() => {
              actions.putInCluster(noteId, cluster.id);
              done(t('move.done.cluster', { name: clusterTitle(t, cluster.label) }));
            }}>
              {t('move.toCluster', { name: clusterTitle(t, cluster.label) })}
            </button>
          </li>
        ))}
        <li>
          <button type="button" onClick={() => {
            if (current !== undefined) actions.placeNote(noteId, outside());
            actions.newClusterFor(noteId);
            done(t('move.done.newCluster'));
          }}>
            {t('move.toNewCluster')}
          </button>
        </li>
      </ul>
      <button type="button" className="link-button" onClick={onBack}>{t('common.back')}</button>
    </div>
  );
}
