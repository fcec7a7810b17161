import { memo } from 'react';
import type { ReactNode } from 'react';
import { ZONE_HEADER, zoneFrames } from '@concerto/board';
import type { Rect, Zone } from '@concerto/board';

import { useT } from '../i18n/index.js';
import { CarriedOverBlock, carriedOverOf } from '../programme/CarriedOverBlock.js';
import { useZones } from '../sync/hooks.js';
import { PlusIcon } from './icons.js';
import { useCanvas } from './roomContext.js';
import { useAddNoteInZone } from './useAddNote.js';

/**
 * The zones of a structured board on the desktop canvas: labelled regions side by side, each
 * with its title and guiding question as heading (packages/board R28). They sit behind the
 * clusters and notes; a note belongs to the zone the document says, and a drop into a column
 * moves it there (CanvasDnd).
 */
export const ZoneLayer = memo(function ZoneLayer() {
  const zones = useZones();
  if (zones.length === 0) return null;
  const frames = zoneFrames(zones);
  return (
    <div className="zone-layer">
      {zones.map((zone, i) => <ZoneFrame key={zone.id} zone={zone} frame={frames[i]!} />)}
    </div>
  );
});

function ZoneFrame({ zone, frame }: { zone: Zone; frame: Rect }) {
  const t = useT();
  const { readOnly } = useCanvas();
  const headingId = `zone-heading-${zone.id}`;
  return (
    <section
      className={`zone-frame${zone.readOnly ? ' zone-frame--readonly' : ''}`}
      aria-labelledby={headingId}
      data-zone={zone.id}
      style={{ transform: `translate(${frame.x}px, ${frame.y}px)`, width: frame.width, height: frame.height }}
    >
      <ZoneHeading zone={zone} headingId={headingId} action={readOnly || zone.readOnly ? null : <WriteInZone zone={zone} frame={frame} />} />
      {zone.readOnly && <p className="zone-note">{t('zone.readOnly')}</p>}
      {zone.readOnly && <CarriedOverZone />}
    </section>
  );
}

/**
 * « Écrire une note dans … » at the top of a zone people write in: the note appears under the
 * zone's heading, in view, its editor open (« Ajouter une note » puts it where the view is,
 * which on five columns was rarely the zone meant). Reached by Tab, it shows its zone first.
 */
function WriteInZone({ zone, frame }: { zone: Zone; frame: Rect }) {
  const t = useT();
  const { viewport } = useCanvas();
  const addNoteInZone = useAddNoteInZone();
  return (
    <button type="button" className="zone-write" aria-label={t('zone.write', { name: zone.title })}
      onFocus={(event) => {
        // Only for the keyboard: a click must not pan the button away from under the pointer.
        if (event.currentTarget.matches(':focus-visible')) viewport.reveal({ x: frame.x, y: frame.y, width: Math.min(frame.width, viewport.visibleWorld().width), height: ZONE_HEADER });
      }}
      onClick={() => addNoteInZone(zone.id)}>
      <PlusIcon /> {t('note.write')}
    </button>
  );
}

/**
 * A zone's title (a heading), its question and its key-idea limit, on the canvas and on a phone;
 * `action` sits beside the title (the canvas's « Écrire une note »).
 */
export function ZoneHeading({ zone, headingId, level = 2, action = null }: { zone: Zone; headingId: string; level?: 2 | 3; action?: ReactNode }) {
  const t = useT();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="zone-heading">
      <div className="zone-title-row">
        <Heading id={headingId} className="zone-title">{zone.title}</Heading>
        {action}
      </div>
      {zone.question !== '' && <p className="zone-question">{zone.question}</p>}
      {zone.keyIdeaLimit !== null && <p className="zone-limit">{t('zone.keyIdeasLimit', { limit: zone.keyIdeaLimit })}</p>}
    </div>
  );
}

/**
 * In the read-only zone, what this board's axis carries over from the earlier concertation
 * (issue 11 §3): the session record holds it, so no participant's write can reach it.
 */
export function CarriedOverZone() {
  const { session, groupId } = useCanvas();
  return <CarriedOverBlock items={carriedOverOf(session.carriedOver, groupId)} inZone />;
}
