/**
 * The picture of a group's board: notes in their colours with their text, clusters as labelled
 * frames, key ideas starred, drawn as vectors (sharp at any zoom, text selectable) and scaled
 * to fit. It is one Figure with an alternative text; the notes' full text follows as lists.
 */
import { clusterBounds, noteRect, NOTE_HEIGHT, NOTE_WIDTH, CLUSTER_HEADER, CLUSTER_PADDING, unionRects, ZONE_HEADER, zoneFrames } from '@concerto/board';
import type { Rect } from '@concerto/board';
import type { ReportGroup, ReportNote } from '../model.js';
import { oneLine, truncate } from '../text.js';
import type { Flow, Struct } from './flow.js';
import { COLORS, FONT, NOTE_COLOR_NAME, NOTE_FILL, STAR, TYPE } from './style.js';

/** Beyond this a board would be drawn larger than on screen: small boards stay at a natural size. */
const MAX_SCALE = 0.42;
/** Canvas units around the board's content. */
const MARGIN = 28;
/** Coordinates written by a hostile client can be anything finite; keep the picture drawable. */
const LIMIT = 1_000_000;

const clamp = (v: number) => Math.max(-LIMIT, Math.min(LIMIT, v));

interface Layout {
  /** the board's zones as the desktop canvas shows them, as tall as their content (packages/board R28) */
  zones: { rect: Rect; title: string; readOnly: boolean }[];
  frames: { rect: Rect; label: string; keyIdea: boolean }[];
  notes: (ReportNote & { rect: Rect })[];
  bounds: Rect;
}

function layout(group: ReportGroup): Layout | null {
  const place = (n: ReportNote) => ({ ...n, x: clamp(n.x), y: clamp(n.y), rect: noteRect({ x: clamp(n.x), y: clamp(n.y) }) });
  const frames = group.clusters.map((c) => ({
    rect: clusterBounds({ x: clamp(c.x), y: clamp(c.y) }, c.notes.map(place)),
    label: c.label,
    keyIdea: c.keyIdea,
  }));
  const notes = [...group.clusters.flatMap((c) => c.notes), ...group.unclustered].map(place);
  const content = unionRects([...frames.map((f) => f.rect), ...notes.map((n) => n.rect)]);
  if (content === null) return null;
  const bottom = Math.max(content.y + content.height + CLUSTER_PADDING, ZONE_HEADER + NOTE_HEIGHT);
  const zones = zoneFrames(group.zones.map((z) => ({ ...z, keyIdeaLimit: null }))).map((frame, i) => ({
    rect: { ...frame, height: bottom - frame.y },
    title: group.zones[i]!.title,
    readOnly: group.zones[i]!.readOnly,
  }));
  const union = unionRects([content, ...zones.map((z) => z.rect)])!;
  return {
    zones,
    frames,
    notes,
    bounds: { x: union.x - MARGIN, y: union.y - MARGIN, width: union.width + 2 * MARGIN, height: union.height + 2 * MARGIN },
  };
}

/** What a screen reader says instead of the picture. */
export function describeBoard(group: ReportGroup): string {
  const counts = new Map<string, number>();
  for (const note of [...group.clusters.flatMap((c) => c.notes), ...group.unclustered]) {
    counts.set(NOTE_COLOR_NAME[note.color], (counts.get(NOTE_COLOR_NAME[note.color]) ?? 0) + 1);
  }
  const colours = [...counts].map(([name, n]) => `${n} ${name}${n > 1 && name !== 'orange' ? 's' : ''}`).join(', ');
  const clusters = group.clusters
    .map((c) => `« ${truncate(oneLine(c.label) || 'Sans titre', 60)} » (${c.notes.length} note${c.notes.length > 1 ? 's' : ''}${c.keyIdea ? ', idée clé' : ''})`)
    .join(', ');
  const zones = group.zones.map((z) => `« ${truncate(z.title, 60)} » (${z.clusters.reduce((n, c) => n + c.notes.length, 0) + z.unclustered.length} notes)`).join(', ');
  const parts = [
    `Tableau du ${group.name} : ${group.noteCount} note${group.noteCount > 1 ? 's' : ''}${colours ? ` (${colours})` : ''}`,
    ...(group.zones.length > 0 ? [`${group.zones.length} zones côte à côte : ${zones}`] : []),
    group.clusters.length > 0 ? `${group.clusters.length} regroupement${group.clusters.length > 1 ? 's' : ''} : ${clusters}` : 'aucun regroupement',
    `${group.unclustered.length} note${group.unclustered.length > 1 ? 's' : ''} hors regroupement`,
  ];
  return `${truncate(parts.join(' ; '), 1200)}. Les idées clés sont marquées d’une étoile. Le texte de chaque note est repris ci-dessous.`;
}

function drawZone(flow: Flow, zone: Layout['zones'][number]): void {
  const { doc } = flow;
  const { rect } = zone;
  doc.roundedRect(rect.x, rect.y, rect.width, rect.height, 18).lineWidth(3)
    .fillAndStroke(zone.readOnly ? COLORS.canvas : '#ffffff', COLORS.frameBorder);
  doc.font(FONT.bold).fontSize(40).fillColor(COLORS.text);
  flow.write(zone.title, rect.x + 24, rect.y + 20, { width: rect.width - 48, height: ZONE_HEADER - 28, ellipsis: true, lineBreak: true }, true);
}

function drawFrame(flow: Flow, frame: Layout['frames'][number]): void {
  const { doc } = flow;
  const { rect } = frame;
  doc.roundedRect(rect.x, rect.y, rect.width, rect.height, 14).lineWidth(frame.keyIdea ? 5 : 2.5)
    .fillAndStroke(COLORS.frame, frame.keyIdea ? COLORS.keyIdea : COLORS.frameBorder);
  const label = (frame.keyIdea ? `${STAR} ` : '') + (frame.label || 'Sans titre');
  doc.font(FONT.bold).fontSize(22).fillColor(frame.keyIdea ? COLORS.keyIdea : COLORS.text);
  flow.write(label, rect.x + CLUSTER_PADDING, rect.y + 16, {
    width: rect.width - 2 * CLUSTER_PADDING, height: CLUSTER_HEADER - 18, ellipsis: true, lineBreak: true,
  }, true);
}

function drawNote(flow: Flow, note: Layout['notes'][number]): void {
  const { doc } = flow;
  const { x, y } = note;
  doc.roundedRect(x, y, NOTE_WIDTH, NOTE_HEIGHT, 6).lineWidth(note.keyIdea ? 5 : 1.5)
    .fillAndStroke(NOTE_FILL[note.color], note.keyIdea ? COLORS.keyIdea : COLORS.noteBorder);
  const pad = 12;
  const textWidth = NOTE_WIDTH - 2 * pad - (note.keyIdea ? 26 : 0);
  doc.font(FONT.regular).fontSize(15).fillColor(COLORS.text);
  flow.write(note.text || ' ', x + pad, y + pad, { width: textWidth, height: NOTE_HEIGHT - 2 * pad - 18, ellipsis: true, lineGap: 1 });
  if (note.author !== '') {
    doc.font(FONT.regular).fontSize(11).fillColor(COLORS.muted);
    flow.write(truncate(note.author, 30), x + pad, y + NOTE_HEIGHT - pad - 13, { width: NOTE_WIDTH - 2 * pad, height: 14, ellipsis: true });
  }
  if (note.keyIdea) {
    doc.circle(x + NOTE_WIDTH - 20, y + 20, 14).fill(COLORS.keyIdea);
    doc.font(FONT.bold).fontSize(17).fillColor('#ffffff');
    doc.text(STAR, x + NOTE_WIDTH - 28.5, y + 9.5, { lineBreak: false });
  }
}

/**
 * Draws the board at the flow's position, as large as `maxHeight` and the text width allow.
 * Returns false (drawing nothing) when the board is empty.
 */
export function drawBoard(flow: Flow, parent: Struct, group: ReportGroup, maxHeight: number): boolean {
  const laid = layout(group);
  if (laid === null) return false;
  const { doc } = flow;
  const { bounds } = laid;
  const scale = Math.min(flow.width / bounds.width, maxHeight / bounds.height, MAX_SCALE);
  const width = bounds.width * scale;
  const height = bounds.height * scale;
  const left = flow.left + (flow.width - width) / 2;
  const top = doc.y;
  const options = { alt: describeBoard(group), bbox: [left, top, left + width, top + height], placement: 'Block' };
  parent.add(
    doc.struct('Figure', options as PDFKit.Mixins.StructureElementOptions, () => {
      doc.save();
      doc.rect(left, top, width, height).fillAndStroke(COLORS.canvas, COLORS.rule);
      doc.rect(left, top, width, height).clip();
      doc.translate(left - bounds.x * scale, top - bounds.y * scale).scale(scale);
      for (const zone of laid.zones) drawZone(flow, zone);
      for (const frame of laid.frames) drawFrame(flow, frame);
      for (const note of laid.notes) drawNote(flow, note);
      doc.restore();
    }),
  );
  doc.x = flow.left;
  doc.y = top + height + 6;
  flow.style({ size: TYPE.small, color: COLORS.muted });
  return true;
}
