/**
 * The roadmap's JSON archive: lossless and readable, as the compte-rendu's. Each session of the
 * démarche is there as a full session archive (every room's Yjs state: `POST
 * /api/sessions/import` takes any of them back), beside the roadmap model read from them.
 */
import type { ThemeMerge } from '@concerto/board';
import { buildArchive } from '../archive.js';
import type { ConcertoArchive } from '../archive.js';
import { buildRoadmap } from './model.js';
import type { ProgrammeContent, Roadmap } from './model.js';

export const ROADMAP_ARCHIVE_FORMAT = 'concerto-roadmap';
export const ROADMAP_ARCHIVE_VERSION = 1;

export interface RoadmapArchive {
  format: typeof ROADMAP_ARCHIVE_FORMAT;
  version: typeof ROADMAP_ARCHIVE_VERSION;
  /** ISO 8601 */
  exportedAt: string;
  /** `merges`: the facilitator's merges of themes across sessions, what the axes of a démarche without follow-up are consolidated by */
  programme: { id: string; title: string; createdAt: number; merges: ThemeMerge[]; sessions: { sessionId: string; territory: string; date: string | null }[] };
  /** what the PDF and Markdown print; informative, recomputed from `sessions` */
  roadmap: Roadmap;
  /** every session of the démarche, in the order attached, each a complete `concerto-archive` */
  sessions: ConcertoArchive[];
}

export function buildRoadmapArchive(content: ProgrammeContent, options: { exportedAt?: Date | number } = {}): RoadmapArchive {
  const exportedAt = options.exportedAt ?? Date.now();
  return {
    format: ROADMAP_ARCHIVE_FORMAT,
    version: ROADMAP_ARCHIVE_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    programme: {
      ...content.programme,
      merges: content.programme.merges ?? [],
      sessions: content.sessions.map((s) => ({ sessionId: s.content.session.id, territory: s.territory, date: s.date })),
    },
    roadmap: buildRoadmap(content),
    sessions: content.sessions.map((s) => buildArchive(s.content, { exportedAt })),
  };
}

export function renderRoadmapJson(content: ProgrammeContent, options: { exportedAt?: Date | number } = {}): string {
  return `${JSON.stringify(buildRoadmapArchive(content, options), null, 2)}\n`;
}
