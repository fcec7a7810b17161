export {
  DEFAULT_KEY_IDEA_LIMIT,
  DEFAULT_NOTE_COLOR,
  LEGACY_SCHEMA_VERSION,
  NOTE_COLORS,
  PLENARY_SCHEMA_VERSION,
  SCHEMA_VERSION,
} from './types.js';
export type {
  BoardMeta,
  BoardSnapshot,
  Cluster,
  KeyIdea,
  KeyIdeaSource,
  Note,
  NoteColor,
  PlenaryGroup,
  PlenaryIdea,
  PlenarySnapshot,
  PlenaryTheme,
  Zone,
} from './types.js';

export {
  BOARD_TYPES,
  PLENARY_KIND,
  PLENARY_TYPES,
  getClustersMap,
  getKeyIdeasArray,
  getMetaMap,
  getNotesMap,
  getPlenaryGroupsMap,
  getThemesArray,
  getZonesArray,
  initBoard,
  isNoteColor,
} from './schema.js';

export { newId } from './ids.js';
export { diffText } from './text.js';

export {
  effectiveKeyIdeas,
  listClusters,
  listNotes,
  notesInCluster,
  readCluster,
  readKeyIdeas,
  readMeta,
  readNote,
  snapshotBoard,
} from './read.js';

export {
  createNote,
  deleteNote,
  editNoteText,
  getNoteText,
  moveNote,
  recolorNote,
  setNoteText,
} from './notes.js';
export type { NewNote } from './notes.js';

export {
  createCluster,
  createClusterFromNotes,
  deleteCluster,
  getClusterLabel,
  moveCluster,
  renameCluster,
  setClusterZone,
  setNoteCluster,
  setNoteZone,
} from './clusters.js';
export type { NewCluster } from './clusters.js';

export {
  getKeyIdeaText,
  isKeyIdea,
  markKeyIdea,
  moveKeyIdea,
  setKeyIdeaText,
  trimKeyIdeas,
  unmarkKeyIdea,
} from './keyIdeas.js';
export type { KeyIdeaSourceRef, MarkKeyIdeaResult } from './keyIdeas.js';

export { initPlenary, plenaryIdeaId, pushKeyIdeas, readPlenary } from './plenary.js';
export type { PushedKeyIdeas } from './plenary.js';

export {
  addIdeaToTheme,
  createTheme,
  deleteTheme,
  getThemeLabel,
  getThemeSynthesis,
  moveTheme,
  removeIdeaFromTheme,
  renameTheme,
  setThemeSynthesis,
} from './themes.js';

export {
  CONTROL_MAP,
  PHASES,
  addTimerTime,
  getControlMap,
  readControl,
  setControl,
  startTimer,
  stopTimer,
  timerRemainingMs,
} from './control.js';
export type { Focus, Phase, SessionControl, TimerState, VoteState } from './control.js';

export { VOTES_MAP, castVote, getVotesMap, readBallot, tallyVotes, withdrawVote } from './votes.js';

export { IDEA_FLAGS_MAP, readIdeaFlags, setIdeaFlags } from './ideaFlags.js';
export type { IdeaFlags } from './ideaFlags.js';

export {
  CLUSTER_COLUMNS,
  CLUSTER_GAP,
  CLUSTER_HEADER,
  CLUSTER_PADDING,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  cellPosition,
  clusterBounds,
  freeCell,
  freeSpot,
  noteRect,
  unionRects,
} from './geometry.js';
export type { Point, Rect } from './geometry.js';

export { CLUSTER_SPACING, clusterFrames, emptyClusterFrame, placeNewCluster, pushApart, spreadClusters } from './layout.js';
export type { PlacedRect } from './layout.js';

export { VOTE_ARCHIVE_MAP, archiveVote, getVoteArchiveMap, readVoteArchive, voteHistory, voteRecord } from './voteArchive.js';
export type { ArchivedVote, VoteOption } from './voteArchive.js';

export { carryOver, consolidate, mergeThemes, plenaryThemeVotes, renameMerge, splitTheme, themeRef } from './programme.js';
export type { CarriedOver, ConsolidatedTheme, TerritoryTheme, TerritoryVotes, ThemeMerge } from './programme.js';
export {
  DEFAULT_SHEET_FIELDS,
  SHEETS_MAP,
  SHEET_FIELDS_ARRAY,
  SHEET_FIELD_KINDS,
  SHEET_LABELS_MAP,
  SHEET_LABEL_MAX,
  SHEET_SCALES_MAP,
  SHEET_SCALE_MAX,
  SHEET_TEXT_PREFIX,
  addSheetField,
  ensureSheetText,
  getSheetText,
  listItems,
  openSheet,
  readSheet,
  readSheetTemplate,
  readSheets,
  removeSheet,
  renameSheetField,
  scaleValue,
  setSheetScale,
  setSheetText,
  sheetScaleKey,
  sheetSourceNotes,
  sheetTextName,
  transactionTouchesSheets,
} from './sheets.js';
export type { Sheet, SheetField, SheetFieldKind } from './sheets.js';
export { axisCounts, axisIndexFor, PERSON_ID, readRotation, ROTATION_STATUSES, rotationPlan, roundContributions, visitedAxes } from './rotation.js';
export type { RotationState, RoundContribution } from './rotation.js';
export {
  MAX_ZONES,
  ZONE_GAP,
  ZONE_HEADER,
  ZONE_HEIGHT,
  ZONE_WIDTH,
  countingKeyIdeas,
  freeSpotInZone,
  isWritableZone,
  keyIdeaCapacity,
  keyIdeasPerZone,
  listZones,
  resolveZone,
  zoneAt,
  zoneFrames,
  zoneKeyIdeaLimit,
} from './zones.js';
export type { ZoneKeyIdeaCount, ZoneSpec } from './zones.js';
export { settleReadOnlyZones } from './zoneGuard.js';
export { emptySheetChanges, getSheetsMap, noteSheetChanges, settleSheets } from './sheetGuard.js';
export type { SheetChanges } from './sheetGuard.js';

export {
  BOARD_TEMPLATE_KINDS,
  ENJEUX_OBJECTIFS_ACTIONS_ZONES,
  LIBRE_TEMPLATE,
  PRIORITY_ACTIONS_ZONE,
  takesActionSheet,
  templateZones,
} from './templates.js';
export type { BoardTemplate, BoardTemplateKind } from './templates.js';
