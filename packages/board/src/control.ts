import type * as Y from 'yjs';

import { readRotation } from './rotation.js';
import type { RotationState } from './rotation.js';
import { isFiniteNumber } from './values.js';

/*
 * Session control, kept in the plenary document's `control` map so every canvas, console and
 * projector of the session sees it live: the phase, the timer, locked rooms, the
 * facilitator's focus (projectors follow it), whether the session is closed, and the vote.
 * Only the server writes it (from the facilitator's HTTP calls); readers tolerate anything.
 */

export const PHASES = ['reflection', 'sharing', 'clustering', 'keyIdeas', 'plenary'] as const;
export type Phase = (typeof PHASES)[number];

export interface TimerState {
  /** ms since epoch (server clock) when it rings; meaningful while running */
  endsAt: number;
  /** the duration it was started with, for a progress display */
  durationMs: number;
  running: boolean;
  /** what was left when it was stopped */
  remainingMs: number;
}

export type Focus = { kind: 'all' } | { kind: 'group'; id: string } | { kind: 'theme'; id: string };

export interface VoteState {
  id: string;
  /** what the facilitator asked; readers give '' when it was not worded */
  question?: string;
  open: boolean;
  votesPerParticipant: number;
  target: 'ideas' | 'themes';
  openedAt: number;
  closedAt: number | null;
}

export interface SessionControl {
  phase: Phase | null;
  timer: TimerState | null;
  lockedRooms: string[];
  focus: Focus;
  closed: boolean;
  vote: VoteState | null;
  /** rotating groups: the current round, mirrored from the session record; null when the session is by group */
  rotation: RotationState | null;
}

export const CONTROL_MAP = 'control';

export function getControlMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(CONTROL_MAP);
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function readTimer(value: unknown): TimerState | null {
  const t = record(value);
  if (t === null || !isFiniteNumber(t['endsAt']) || !isFiniteNumber(t['durationMs'])) return null;
  return {
    endsAt: t['endsAt'],
    durationMs: Math.max(0, t['durationMs']),
    running: t['running'] === true,
    remainingMs: isFiniteNumber(t['remainingMs']) ? Math.max(0, t['remainingMs']) : 0,
  };
}

function readFocus(value: unknown): Focus {
  const f = record(value);
  if (f !== null && (f['kind'] === 'group' || f['kind'] === 'theme') && typeof f['id'] === 'string') {
    return { kind: f['kind'], id: f['id'] };
  }
  return { kind: 'all' };
}

function readVote(value: unknown): VoteState | null {
  const v = record(value);
  if (v === null || typeof v['id'] !== 'string' || !isFiniteNumber(v['votesPerParticipant'])) return null;
  return {
    id: v['id'],
    question: typeof v['question'] === 'string' ? v['question'] : '',
    open: v['open'] === true,
    votesPerParticipant: Math.max(0, Math.trunc(v['votesPerParticipant'])),
    target: v['target'] === 'themes' ? 'themes' : 'ideas',
    openedAt: isFiniteNumber(v['openedAt']) ? v['openedAt'] : 0,
    closedAt: isFiniteNumber(v['closedAt']) ? v['closedAt'] : null,
  };
}

/** The session's control state; defaults for anything missing or malformed. Never throws. */
export function readControl(doc: Y.Doc): SessionControl {
  let map: Y.Map<unknown>;
  try {
    map = getControlMap(doc);
  } catch {
    return { phase: null, timer: null, lockedRooms: [], focus: { kind: 'all' }, closed: false, vote: null, rotation: null };
  }
  const phase = map.get('phase');
  const locked = map.get('lockedRooms');
  return {
    phase: (PHASES as readonly unknown[]).includes(phase) ? (phase as Phase) : null,
    timer: readTimer(map.get('timer')),
    lockedRooms: Array.isArray(locked) ? locked.filter((r): r is string => typeof r === 'string') : [],
    focus: readFocus(map.get('focus')),
    closed: map.get('closed') === true,
    vote: readVote(map.get('vote')),
    rotation: readRotation(map.get('rotation')),
  };
}

/** Remaining time of a timer at `now` (same clock as `endsAt`). */
export function timerRemainingMs(timer: TimerState, now: number): number {
  return timer.running ? Math.max(0, timer.endsAt - now) : timer.remainingMs;
}

/** Writes one control field (one transaction). */
export function setControl<K extends keyof SessionControl>(doc: Y.Doc, key: K, value: SessionControl[K], origin?: unknown): void {
  doc.transact(() => {
    getControlMap(doc).set(key, value === null ? null : (JSON.parse(JSON.stringify(value)) as unknown));
  }, origin);
}

export function startTimer(doc: Y.Doc, durationMs: number, now: number, origin?: unknown): void {
  setControl(doc, 'timer', { endsAt: now + durationMs, durationMs, running: true, remainingMs: durationMs }, origin);
}

export function addTimerTime(doc: Y.Doc, addMs: number, now: number, origin?: unknown): boolean {
  const timer = readControl(doc).timer;
  if (timer === null) return false;
  const remaining = timerRemainingMs(timer, now) + addMs;
  setControl(doc, 'timer', {
    endsAt: now + remaining,
    durationMs: timer.durationMs + addMs,
    running: timer.running,
    remainingMs: remaining,
  }, origin);
  return true;
}

export function stopTimer(doc: Y.Doc, now: number, origin?: unknown): boolean {
  const timer = readControl(doc).timer;
  if (timer === null) return false;
  setControl(doc, 'timer', { ...timer, running: false, remainingMs: timerRemainingMs(timer, now) }, origin);
  return true;
}
