/**
 * @concerto/export: the compte-rendu of a session (PDF, Markdown), its lossless JSON archive,
 * and the archive's import. Pure: it takes a session and its rooms' Yjs states and returns
 * bytes or text; no storage, environment or network (it reads only its own bundled font).
 */
export { PLENARY_ROOM } from './types.js';
export type { ArchivedSession, SessionContent } from './types.js';

export { contentFromStored, programmeFromStored, roomStateFromStored } from './stored.js';
export type { RoomInit, StoredProgrammeContent, StoredRoom, StoredSessionContent } from './stored.js';

export { buildReport, decodeRoom } from './model.js';
export type { Report, ReportCarriedOver, ReportCluster, ReportGroup, ReportIdea, ReportNote, ReportPlenary, ReportSheet, ReportSheetField, ReportTheme } from './model.js';

export { renderPdf, renderReportPdf } from './pdf/render.js';
export type { PdfOptions } from './pdf/render.js';
export { bundledFonts } from './pdf/fonts.js';
export type { PdfFonts } from './pdf/fonts.js';

export { escapeMarkdown, renderMarkdown, renderReportMarkdown } from './markdown.js';
export type { MarkdownOptions } from './markdown.js';

export { ARCHIVE_FORMAT, ARCHIVE_VERSION, buildArchive, renderJson } from './archive.js';
export type { ArchivedRoom, ConcertoArchive } from './archive.js';
export { parseArchive, parseArchiveText } from './importArchive.js';
export type { ImportError, ImportErrorCode, ImportLimits, ImportResult, RestoredSession } from './importArchive.js';

export { reportFileName, roadmapFileName, slugify } from './filename.js';
export type { ExportFormat } from './filename.js';

export { cleanText, PLACEHOLDER } from './text.js';

export { buildRoadmap, zoneRole } from './roadmap/model.js';
export type { ProgrammeContent, Roadmap, RoadmapAction, RoadmapAxis, RoadmapItem, RoadmapOrigin, RoadmapSession } from './roadmap/model.js';
export { renderRoadmapModelPdf, renderRoadmapPdf } from './roadmap/pdf.js';
export { renderRoadmapMarkdown, renderRoadmapModelMarkdown } from './roadmap/markdown.js';
export { buildRoadmapArchive, renderRoadmapJson, ROADMAP_ARCHIVE_FORMAT, ROADMAP_ARCHIVE_VERSION } from './roadmap/archive.js';
export type { RoadmapArchive } from './roadmap/archive.js';
