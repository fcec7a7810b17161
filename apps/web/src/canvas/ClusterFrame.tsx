import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { getClusterLabel } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { useCluster } from '../sync/hooks.js';
import { bindTextField } from '../sync/yTextBinding.js';
import type { DndData } from './CanvasDnd.js';
import { DragIcon, MoreIcon, StarIcon } from './icons.js';
import { KeyIdeaToggle } from './KeyIdeaToggle.js';
import { clusterTitle } from './labels.js';
import { useClusterOffset } from './localDrag.js';
import { Popover } from './Popover.js';
import { useCanvas } from './roomContext.js';

export const CLUSTER_LABEL_MAX = 120;

/**
 * A cluster (« regroupement »): a frame around its notes, moved by its header, labelled in
 * place. It highlights while a note is dragged over it.
 */
export const ClusterFrame = memo(function ClusterFrame({ id }: { id: string }) {
  const { room, readOnly, localDrag, viewport, toast } = useCanvas();
  const t = useT();
  const cluster = useCluster(id);
  const offset = useClusterOffset(localDrag, room.presence, cluster);
  const data = useMemo<DndData>(() => ({ kind: 'cluster', id }), [id]);
  const roleDescription = t('dnd.roledescription');
  const drag = useDraggable({ id: `cluster:${id}`, data, disabled: readOnly, attributes: { roleDescription } });
  const drop = useDroppable({ id: `cluster:${id}`, data, disabled: readOnly });
  const [menuOpen, setMenuOpen] = useState(false);
  const optionsButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  if (cluster === undefined) return null;
  const { bounds } = cluster;
  let dx = 0;
  let dy = 0;
  if (drag.transform !== null) {
    const { zoom } = viewport.get();
    dx = drag.transform.x / zoom;
    dy = drag.transform.y / zoom;
  } else if (offset !== null) {
    dx = offset.x;
    dy = offset.y;
  }
  const title = clusterTitle(t, cluster.label);
  const className = ['cluster-frame', drop.isOver && 'cluster-frame--target', drag.isDragging && 'cluster-frame--moving']
    .filter(Boolean).join(' ');

  return (
    <div
      ref={drop.setNodeRef}
      role="group"
      className={className}
      aria-labelledby={headingId}
      style={{
        transform: `translate(${bounds.x + dx}px, ${bounds.y + dy}px)`,
        width: bounds.width,
        height: bounds.height,
      }}
    >
      <div
        ref={drag.setNodeRef}
        className="cluster-header"
        style={{ marginLeft: cluster.x - bounds.x, marginTop: cluster.y - bounds.y }}
      >
        {!readOnly && (
          <button
            ref={drag.setActivatorNodeRef}
            type="button"
            className="icon-button drag-handle"
            {...drag.attributes}
            {...drag.listeners}
            aria-label={t('cluster.drag', { name: title })}
          >
            <DragIcon />
          </button>
        )}
        <span id={headingId} className="sr-only">{t('cluster.heading', { name: title, count: cluster.noteIds.length })}</span>
        {readOnly ? (
          <p className={`cluster-label cluster-label--static${isLong(title) ? ' cluster-label--long' : ''}`}>{title}</p>
        ) : (
          <ClusterLabel id={id} long={isLong(cluster.label)} next={optionsButton} />
        )}
        {cluster.keyIdeaId !== null && (
          <span className="cluster-key" title={t('note.isKeyIdea')}>
            <StarIcon />
            <span className="sr-only">{t('note.isKeyIdea')}</span>
          </span>
        )}
        {!readOnly && (
          <button
            ref={optionsButton}
            type="button"
            className="icon-button"
            aria-haspopup="dialog"
            aria-expanded={menuOpen}
            aria-label={t('cluster.options', { name: title })}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MoreIcon />
          </button>
        )}
      </div>
      {cluster.noteIds.length === 0 && <p className="cluster-empty">{t('cluster.empty')}</p>}
      {drop.isOver && <p className="cluster-drop-hint" aria-hidden="true">{t('cluster.dropHere')}</p>}
      {menuOpen && (
        <Popover anchor={optionsButton} label={t('cluster.options', { name: title })} onClose={() => setMenuOpen(false)}>
          <ul className="menu-list">
            <li>
              <KeyIdeaToggle
                source={{ clusterId: id }}
                keyIdeaId={cluster.keyIdeaId}
                onDone={() => {
                  setMenuOpen(false);
                  optionsButton.current?.focus({ preventScroll: true });
                }}
              />
            </li>
            <li>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setMenuOpen(false);
                  room.actions.deleteCluster(id);
                  toast(t('cluster.deleted'), true);
                }}
              >
                {t('cluster.delete')}
              </button>
              <p className="hint">{t('cluster.deleteHint')}</p>
            </li>
          </ul>
        </Popover>
      )}
    </div>
  );
});

/** The cluster's title, typed in place and bound to its shared text. */
/** Past this many characters a title takes a smaller size, to stay whole on three lines. */
const LONG_TITLE = 28;
function isLong(title: string): boolean {
  return title.length > LONG_TITLE;
}

function ClusterLabel({ id, long, next }: { id: string; long: boolean; next: RefObject<HTMLButtonElement | null> }) {
  const { room, pendingLabel } = useCanvas();
  const t = useT();
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const element = field.current;
    const text = getClusterLabel(room.doc, id);
    if (element === null || text === null) return;
    const unbind = bindTextField(element, text, { origin: room.actions.origin, undo: room.undo });
    if (pendingLabel.current === id) {
      pendingLabel.current = null;
      element.focus({ preventScroll: true });
    }
    return unbind;
  }, [room, id, pendingLabel]);

  return (
    // A three-line field, so a long title wraps instead of ending in « Regroup… »; a title
    // has no line breaks, so Enter ends the editing.
    <textarea
      ref={field}
      className={`cluster-label${long ? ' cluster-label--long' : ''}`}
      rows={3}
      aria-label={t('cluster.labelField')}
      placeholder={t('cluster.labelPlaceholder')}
      maxLength={CLUSTER_LABEL_MAX}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === 'Escape') {
          event.preventDefault();
          // Not to <body>: the cluster's options (key idea, delete) are the next thing within reach.
          if (next.current !== null) next.current.focus({ preventScroll: true });
          else event.currentTarget.blur();
        }
      }}
    />
  );
}
