import { memo } from 'react';

import { NOTE_HEIGHT, NOTE_WIDTH } from '@concerto/board';
import type { Thumbnail as ThumbnailData } from './groupWatch.js';

/** Zone titles in the thumbnail, in canvas units: about 7 px on a console card showing five zones. */
const ZONE_TITLE_SIZE = 110;

/** A zone's title shortened to what fits on one line of its frame (an estimate: SVG text does not wrap). */
function fitTitle(title: string, width: number): string {
  const room = Math.max(4, Math.floor((width - 48) / (ZONE_TITLE_SIZE * 0.55)));
  return title.length <= room ? title : `${title.slice(0, room - 1).trimEnd()}…`;
}

/**
 * A small picture of a group's board: its zones framed and titled as on the board, clusters as
 * frames, notes as coloured rectangles. Drawn
 * from the summary (already throttled), so at most twice a second; decorative for screen
 * readers, since the card says the same in words.
 */
export const Thumbnail = memo(function Thumbnail({ data }: { data: ThumbnailData }) {
  const b = data.bounds;
  if (b === null) {
    return <svg className="thumbnail thumbnail--empty" viewBox="0 0 160 90" aria-hidden="true" focusable="false" />;
  }
  const pad = 40;
  // At least a board's worth of area, so three notes do not fill the whole picture.
  const width = Math.max(b.width + 2 * pad, 1600);
  const height = Math.max(b.height + 2 * pad, 900);
  const x = b.x - pad - (width - b.width - 2 * pad) / 2;
  const y = b.y - pad - (height - b.height - 2 * pad) / 2;
  return (
    <svg className="thumbnail" viewBox={`${x} ${y} ${width} ${height}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
      {data.zones.map((zone, i) => (
        <g key={`z${i}`}>
          <rect className={`thumbnail-zone${zone.readOnly ? ' thumbnail-zone--readonly' : ''}`} x={zone.x} y={zone.y} width={zone.width} height={zone.height} rx={18} />
          <text className="thumbnail-zone-title" x={zone.x + 24} y={zone.y + 24 + ZONE_TITLE_SIZE} fontSize={ZONE_TITLE_SIZE}>{fitTitle(zone.title, zone.width)}</text>
        </g>
      ))}
      {data.clusters.map((frame, i) => (
        <rect key={`c${i}`} className="thumbnail-cluster" x={frame.x} y={frame.y} width={frame.width} height={frame.height} rx={12} />
      ))}
      {data.notes.map((note, i) => (
        <rect key={`n${i}`} className={`thumbnail-note thumbnail-note--${note.color}`} x={note.x} y={note.y} width={NOTE_WIDTH} height={NOTE_HEIGHT} rx={8} />
      ))}
    </svg>
  );
});
