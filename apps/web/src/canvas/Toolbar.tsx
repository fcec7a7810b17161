import { emptyClusterFrame, newId, placeNewCluster } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { useUndoState } from '../sync/useUndo.js';
import { ClusterIcon, FitIcon, MinusIcon, PlusIcon, RedoIcon, UndoIcon } from './icons.js';
import { occupiedRects } from './placement.js';
import { useFitBoard } from './boardBounds.js';
import { useCanvas } from './roomContext.js';
import { useAddNote } from './useAddNote.js';
import { useViewport } from './viewport.js';

/**
 * The canvas's buttons: write a note, make a cluster, undo and redo one's own changes, zoom,
 * show everything, and others' cursors on or off (for slow links).
 */
export function Toolbar({ cursorsOn, onCursorsChange, onWrite, onWriteFor, onZoneSections }: {
  cursorsOn: boolean;
  onCursorsChange: (on: boolean) => void;
  /** on small screens, « Écrire une note » opens a full-screen form */
  onWrite: () => void;
  /** the facilitator's « Écrire pour quelqu’un » */
  onWriteFor: () => void;
  /** on a phone, back from the canvas to a zoned board's sections (absent on a « Libre » board) */
  onZoneSections?: () => void;
}) {
  const { room, viewport, readOnly, pendingLabel, announce, session } = useCanvas();
  const fit = useFitBoard();
  const t = useT();
  const addNote = useAddNote();
  const { canUndo, canRedo } = useUndoState(room.undo);
  const { zoom } = useViewport(viewport);

  const addCluster = () => {
    const id = newId();
    pendingLabel.current = id;
    // Where it goes is the board's rule (R22): free, and inside what this person sees.
    const at = placeNewCluster(viewport.visibleWorld(), occupiedRects(room.store));
    if (room.actions.addCluster(at, id) === null) return;
    viewport.reveal(emptyClusterFrame(at));
    announce(t('cluster.added'));
  };

  return (
    <div className="toolbar" role="group" aria-label={t('toolbar.label')}>
      {!readOnly && (
        <div className="toolbar-group toolbar-group--edit">
          <button type="button" className="primary wide-only" onClick={() => addNote()} aria-keyshortcuts="Alt+N">
            <PlusIcon /> {t('note.add')}
          </button>
          <button type="button" className="primary narrow-only" onClick={onWrite}>
            <PlusIcon /> {t('note.write')}
          </button>
          {session.you.role === 'facilitator' && (
            <button type="button" onClick={onWriteFor}>
              <PlusIcon /> <span className="button-label">{t('proxy.button')}</span>
            </button>
          )}
          <button type="button" onClick={addCluster}>
            <ClusterIcon /> <span className="button-label">{t('cluster.add')}</span>
          </button>
          <button type="button" onClick={() => room.undo.undo()} disabled={!canUndo} aria-keyshortcuts="Control+Z">
            <UndoIcon /> <span className="button-label">{t('toolbar.undo')}</span>
          </button>
          <button type="button" onClick={() => room.undo.redo()} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
            <RedoIcon /> <span className="button-label">{t('toolbar.redo')}</span>
          </button>
        </div>
      )}
      <div className={`toolbar-group toolbar-group--view${onZoneSections !== undefined ? ' toolbar-group--wrap' : ''}`}>
        <button type="button" className="icon-button" onClick={() => viewport.zoomBy(1 / 1.25)} aria-label={t('toolbar.zoomOut')}>
          <MinusIcon />
        </button>
        <output className="zoom-level" aria-live="off" aria-label={t('toolbar.zoomLevel')}>{Math.round(zoom * 100)} %</output>
        <button type="button" className="icon-button" onClick={() => viewport.zoomBy(1.25)} aria-label={t('toolbar.zoomIn')}>
          <PlusIcon />
        </button>
        <button type="button" onClick={fit}>
          <FitIcon /> <span className="button-label">{t('toolbar.fit')}</span>
        </button>
        {onZoneSections !== undefined && (
          <button type="button" className="narrow-only" onClick={onZoneSections}>
            <span className="button-label">{t('zone.sectionsView')}</span>
          </button>
        )}
        <label className="toggle wide-only">
          <input type="checkbox" checked={cursorsOn} onChange={(event) => onCursorsChange(event.target.checked)} />
          {t('toolbar.cursors')}
        </label>
      </div>
    </div>
  );
}
