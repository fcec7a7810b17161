import type * as Y from 'yjs';

import { moveCluster } from './clusters.js';
import { noteRect } from './geometry.js';
import type { Rect } from './geometry.js';
import { readCluster, readNote } from './read.js';
import { getClustersMap, getNotesMap } from './schema.js';
import { asMap, setIfChanged } from './values.js';
import { freeSpotInZone, listZones, zoneAt, zoneFrames } from './zones.js';

/**
 * What a read-only zone may not hold (SPEC R33): the server runs this after applying a client's
 * update, as it trims key ideas (R12), so a client that skips the checks of `createNote`,
 * `setNoteZone`, drops and cluster moves still cannot put anything there for everyone.
 *
 * `touched`: the ids of the notes and clusters the update changed (null: check them all). A
 * note or cluster whose raw `zone` names a read-only zone, or that sits where a drop lands in one
 * (`zoneAt`, the rule the clients refuse drops by), goes to
 * a free place of its own zone when it can be written in, else of the board's default zone.
 * Writes nothing when nothing is wrong. Returns how many notes and clusters it moved.
 */
export function settleReadOnlyZones(
  doc: Y.Doc,
  touched: { notes: Iterable<string>; clusters: Iterable<string> } | null,
  origin?: unknown,
): number {
  const zones = listZones(doc);
  const readOnly = new Set(zones.filter((zone) => zone.readOnly).map((zone) => zone.id));
  const fallback = zones.find((zone) => !zone.readOnly);
  if (readOnly.size === 0 || fallback === undefined) return 0;
  const frames = zoneFrames(zones);
  const notes = getNotesMap(doc);
  const clusters = getClustersMap(doc);
  const overClosed = (at: { x: number; y: number }) => readOnly.has(zoneAt(zones, at) ?? '');
  const rawZone = (map: Y.Map<unknown> | null) => map?.get('zone');
  const target = (raw: unknown) => (typeof raw === 'string' && zones.some((zone) => zone.id === raw && !zone.readOnly) ? raw : fallback.id);

  const noteIds = touched === null ? [...notes.keys()] : [...new Set(touched.notes)];
  const clusterIds = touched === null ? [...clusters.keys()] : [...new Set(touched.clusters)];
  const wrongClusters = clusterIds.flatMap((id) => {
    const map = asMap(clusters.get(id));
    const cluster = readCluster(id, map, zones);
    if (map === null || cluster === null) return [];
    const raw = rawZone(map);
    return readOnly.has(String(raw)) || overClosed(cluster) ? [{ id, map, zone: target(raw) }] : [];
  });
  const wrongNotes = noteIds.flatMap((id) => {
    const map = asMap(notes.get(id));
    const note = readNote(id, map, clusters, zones);
    // A note in a cluster goes with its cluster.
    if (map === null || note === null || note.cluster !== null) return [];
    const raw = rawZone(map);
    return readOnly.has(String(raw)) || overClosed(note) ? [{ id, map, zone: target(raw) }] : [];
  });
  if (wrongClusters.length + wrongNotes.length === 0) return 0;

  doc.transact(() => {
    const occupied: Rect[] = [];
    notes.forEach((value, id) => {
      const note = readNote(id, value, clusters, zones);
      if (note !== null) occupied.push(noteRect(note));
    });
    const spot = (zoneId: string) => {
      const frame = frames.find((f) => f.id === zoneId)!;
      const at = freeSpotInZone(frame, occupied);
      occupied.push(noteRect(at));
      return at;
    };
    for (const cluster of wrongClusters) {
      const at = spot(cluster.zone);
      setIfChanged(cluster.map, 'zone', cluster.zone);
      moveCluster(doc, cluster.id, at.x, at.y, {}, origin);
    }
    for (const note of wrongNotes) {
      const at = spot(note.zone);
      setIfChanged(note.map, 'zone', note.zone);
      setIfChanged(note.map, 'x', at.x);
      setIfChanged(note.map, 'y', at.y);
    }
  }, origin);
  return wrongClusters.length + wrongNotes.length;
}
