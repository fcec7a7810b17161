/**
 * Who may read and write which room (docs/contract.md, "Sessions, rooms and roles").
 * Pure: the caller has already verified the token and loaded the session.
 */
import { axisIndexFor, visitedAxes } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { TokenClaims } from './tokens.js';

export type Access = 'write' | 'read' | 'none';

export interface RoomPolicy {
  /** group ids of the session */
  groupIds: readonly string[];
  /** groups whose canvas the facilitator opened to every participant (read-only for others) */
  openGroupIds?: readonly string[];
  /** locked rooms: read-only for everyone but the facilitator */
  lockedRooms?: readonly string[];
  /** a closed session is frozen: every room read-only for everyone, still readable */
  closed?: boolean;
  /**
   * Organisation by theme: the participant groups that rotate over the boards (`groupIds`,
   * in axis order), in this order, and the current round (1-based).
   */
  rotation?: { groupIds: readonly string[]; round: number; choices?: Readonly<Record<string, string>> };
}

export function roomExists(policy: RoomPolicy, room: string): boolean {
  return room === PLENARY_ROOM || policy.groupIds.includes(room);
}

export function roomAccess(claims: TokenClaims, policy: RoomPolicy, room: string): Access {
  if (!roomExists(policy, room)) return 'none';
  const base = baseAccess(claims, policy, room);
  if (base === 'write' && policy.closed) return 'read';
  if (base === 'write' && claims.role !== 'facilitator' && policy.lockedRooms?.includes(room)) return 'read';
  return base;
}

function baseAccess(claims: TokenClaims, policy: RoomPolicy, room: string): Access {
  switch (claims.role) {
    case 'facilitator':
      return 'write';
    case 'projector':
      return 'read';
    case 'participant':
      if (room === PLENARY_ROOM) return 'read';
      if (room === claims.groupId) return 'write';
      if (policy.rotation?.choices !== undefined && claims.groupId !== null && policy.rotation.groupIds.includes(claims.groupId)) {
        return choosingAccess(policy, claims.person, room);
      }
      if (rotatingGroupWrites(policy, claims.groupId, room)) return 'write';
      return policy.openGroupIds?.includes(room) ? 'read' : 'none';
  }
}

/**
 * A rotating group writes on the board of the current round, and keeps writing on the boards
 * of earlier rounds: an edit sent just before a round change (or after a return from offline)
 * still lands where it was written instead of being dropped as a read-only write. Its page
 * only ever shows the current board (board SPEC R31).
 */
function rotatingGroupWrites(policy: RoomPolicy, groupId: string | null, room: string): boolean {
  const rotation = policy.rotation;
  if (rotation === undefined || groupId === null) return false;
  const index = rotation.groupIds.indexOf(groupId);
  const axis = policy.groupIds.indexOf(room);
  if (index === -1 || axis === -1) return false;
  return visitedAxes(index, rotation.round, policy.groupIds.length).includes(axis);
}

/**
 * The action-sheet phase (issue 11 §4): the rounds stop, and a rotating group's link writes
 * only on the axis the person chose (their id, given with the connection); no other board
 * (not even those of earlier rounds: the phase opens once no round runs).
 */
function choosingAccess(policy: RoomPolicy, person: string | undefined, room: string): Access {
  if (person !== undefined && policy.rotation?.choices?.[person] === room) return 'write';
  return policy.openGroupIds?.includes(room) ? 'read' : 'none';
}

/** May this token share (push) this group's key ideas to the plenary? */
export function canPush(claims: TokenClaims, groupId: string, policy?: RoomPolicy): boolean {
  if (claims.role === 'facilitator' || (claims.role === 'participant' && claims.groupId === groupId)) return true;
  // a rotating group shares the key ideas of the board it works on now (not of earlier ones)
  const rotation = policy?.rotation;
  if (claims.role !== 'participant' || rotation === undefined || claims.groupId === null) return false;
  const index = rotation.groupIds.indexOf(claims.groupId);
  return index !== -1 && policy!.groupIds[axisIndexFor(index, rotation.round, policy!.groupIds.length)] === groupId;
}
