/**
 * Programmes (« démarches », issue 11 §3): creating one with its own facilitator link, checking
 * that link, describing the programme with its sessions' themes and votes read from their
 * plenaries, and starting a new session from consolidated themes.
 *
 * A programme has its own token rather than being reached through one of its sessions' links:
 * it outlives any one session (a session may be deleted by retention while the programme goes
 * on), and the facilitator of one territory's session does not thereby run the whole
 * programme. Its token is a session token whose subject is `programme:<id>`: the same signed
 * format and expiry, and it can never open a session (no session id holds a colon) nor can a
 * session's token open a programme. Attaching a session asks for both tokens.
 */
import { carryOver, consolidate, plenaryThemeVotes } from '@concerto/board';
import type { TerritoryTheme } from '@concerto/board';
import { ErrorCode, MAIN_ROOM_NAME, PLENARY_ROOM } from '@concerto/contract';
import type { CarriedOverItem, CreateProgrammeResponse, ProgrammeDescription } from '@concerto/contract';
import { ApiError } from '../errors.js';
import type { RoomRegistry } from '../rooms.js';
import { withRoom } from '../routeKit.js';
import { groupsFromNames, newSessionId } from '../sessions.js';
import type { Sessions } from '../sessions.js';
import type { Programme, ProgrammeRecord, Storage } from '../storage/index.js';
import { issueToken, verifyToken } from '../tokens.js';

const SUBJECT_PREFIX = 'programme:';
/** a group's name is at most 80 characters (validation.ts) */
const GROUP_NAME_MAX = 80;

export class Programmes {
  constructor(
    private readonly storage: Storage,
    private readonly sessions: Sessions,
    private readonly rooms: RoomRegistry,
    private readonly secret: Buffer,
    private readonly tokenTtlDays: number,
    private readonly now: () => number = Date.now,
  ) {}

  async create(title: string, baseUrl: string): Promise<CreateProgrammeResponse> {
    const record: ProgrammeRecord = { id: newSessionId(), title, createdAt: this.now(), revision: 0, merges: [] };
    await this.storage.createProgramme(record);
    const expiresAt = Math.floor(this.now() / 1000) + this.tokenTtlDays * 86_400;
    const token = issueToken(this.secret, { sessionId: SUBJECT_PREFIX + record.id, role: 'facilitator', groupId: null, expiresAt });
    return { id: record.id, title, facilitatorToken: token, link: `${baseUrl}/p/${record.id}#token=${token}` };
  }

  /** The programme `token` opens, or the right 401/403/404. */
  async authorize(token: string | null, id: string): Promise<Programme> {
    if (!token) throw new ApiError(ErrorCode.unauthorized, 'A valid token is needed (missing token).');
    const verified = verifyToken(this.secret, token, Math.floor(this.now() / 1000));
    if (!verified.ok) throw new ApiError(ErrorCode.unauthorized, `A valid token is needed (${verified.error}).`);
    if (verified.claims.sessionId !== SUBJECT_PREFIX + id) {
      const what = verified.claims.sessionId.startsWith(SUBJECT_PREFIX) ? 'another programme' : 'a session, not a programme';
      throw new ApiError(ErrorCode.forbidden, `This token opens ${what}.`);
    }
    const programme = await this.storage.getProgramme(id);
    if (programme === null) throw new ApiError(ErrorCode.notFound, 'No such programme.');
    return programme;
  }

  /** Every session's themes with the votes of its last closed themes vote, and the consolidation. */
  async describe(programme: Programme): Promise<ProgrammeDescription> {
    const sessions: ProgrammeDescription['sessions'] = [];
    const themes: TerritoryTheme[] = [];
    for (const member of programme.sessions) {
      const session = await this.sessions.get(member.sessionId);
      if (session === null) continue;
      const read = await withRoom(this.rooms, session, PLENARY_ROOM, (room) => plenaryThemeVotes(room.doc, session.groups));
      sessions.push({ id: session.id, title: session.title, territory: member.territory, date: member.date, themes: read });
      for (const t of read) themes.push({ sessionId: session.id, territory: member.territory, ...t });
    }
    return {
      id: programme.id,
      title: programme.title,
      createdAt: programme.createdAt,
      revision: programme.revision,
      merges: programme.merges,
      sessions,
      consolidated: consolidate(themes, programme.merges),
    };
  }

  /**
   * Picks consolidated themes (by id, in the order given) for a new session: each becomes one of
   * its groups (axes) and an item of its `carriedOver`; « Salle principale » closes the list, as
   * in every session, for the moments the assembly works together. An unknown id is a 400: the
   * facilitator chose from a view that is out of date. `byTheme`: the axes only, without
   * « Salle principale » (groups rotate over every board; the plenary gathers the assembly).
   */
  async carriedOver(programme: Programme, themeIds: readonly string[], byTheme = false): Promise<{ groupNames: string[]; items: CarriedOverItem[] }> {
    const { consolidated } = await this.describe(programme);
    const picked = themeIds.map((id) => {
      const theme = consolidated.find((c) => c.id === id);
      if (theme === undefined) throw new ApiError(ErrorCode.badRequest, `No consolidated theme ${JSON.stringify(id)} in this programme; reload it.`);
      return theme;
    });
    if (new Set(themeIds).size !== themeIds.length) throw new ApiError(ErrorCode.badRequest, 'A theme is picked twice.');
    const axes = picked.map((t) => (t.title.trim() || '—').slice(0, GROUP_NAME_MAX));
    const groupNames = byTheme ? axes : [...axes, MAIN_ROOM_NAME];
    const groups = groupsFromNames(groupNames);
    const items = picked.map((t, i) => ({ ...carryOver(t, programme.id), groupId: groups[i]!.id }));
    return { groupNames, items };
  }
}
