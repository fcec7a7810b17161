/**
 * The first round of the follow-up concertation (issue 11): earlier sessions in several
 * territories, each with a plenary whose themes were written by a real y-websocket client (the
 * facilitator's console does the same) and a closed themes vote cast through the API by
 * invented participants. Used by the API tests and the programme's browser test.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createTheme } from '@concerto/board';
import { PLENARY_ROOM } from '@concerto/contract';
import type { CreateSessionResponse, PlenaryResponse } from '@concerto/contract';

export interface EarlierTheme {
  label: string;
  votes: number;
}

/** NORD and SUD: the same priorities worded differently, as they come out of real sessions. */
export const FIRST_ROUND: { territory: string; title: string; date: string; themes: EarlierTheme[] }[] = [
  {
    territory: 'NORD',
    title: 'Concertation inclusion numérique – NORD',
    date: '2026-03-12',
    themes: [
      { label: 'Accompagner les publics éloignés du numérique', votes: 5 },
      { label: 'Former les aidants numériques', votes: 3 },
      { label: 'Mieux se coordonner entre acteurs', votes: 2 },
    ],
  },
  {
    territory: 'SUD',
    title: 'Concertation inclusion numérique – SUD',
    date: '2026-03-19',
    themes: [
      { label: 'Équiper les publics (matériel, connexion)', votes: 4 },
      { label: 'Former les professionnels et les bénévoles', votes: 3 },
      { label: 'Des lieux de médiation de proximité', votes: 1 },
    ],
  },
];

/** The third territory of the first round, for the whole scenario (three earlier sessions). */
export const OUEST_FIRST_ROUND: (typeof FIRST_ROUND)[number] = {
  territory: 'OUEST',
  title: 'Concertation inclusion numérique – OUEST',
  date: '2026-03-26',
  themes: [
    { label: 'Aider aux démarches en ligne', votes: 4 },
    { label: 'Outiller les médiateurs', votes: 2 },
  ],
};

/** Invented participants; each has 3 dots. */
const PARTICIPANTS = ['participant-amina', 'participant-bastien', 'participant-chloe', 'participant-dorian', 'participant-elise', 'participant-farid'];

async function call<T>(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url + path, {
    method,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A session of the first round: created through the API, its themes written into its plenary
 * by a y-websocket client, then a themes vote opened, cast and closed. Returns the session and
 * its theme ids by label.
 */
export async function runEarlierSession(
  server: { url: string },
  spec: { title: string; date: string; themes: EarlierTheme[] },
): Promise<{ session: CreateSessionResponse; themeIds: Map<string, string> }> {
  const created = await call<CreateSessionResponse>(server.url, 'POST', '/api/sessions', null, { title: spec.title, date: spec.date, groups: ['Groupe 1', 'Groupe 2'] });
  if (created.status !== 201) throw new Error(`session: ${created.status}`);
  const session = created.body;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/ws`, `${session.id}/${PLENARY_ROOM}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: session.facilitatorToken },
    disableBc: true,
  });
  const themeIds = new Map<string, string>();
  try {
    await until(async () => provider.synced, 'the plenary to sync');
    for (const theme of spec.themes) themeIds.set(theme.label, createTheme(doc, { label: theme.label }));
    await until(async () => {
      const read = await call<PlenaryResponse>(server.url, 'GET', `/api/sessions/${session.id}/plenary`, session.facilitatorToken);
      return read.body.themes.length === spec.themes.length;
    }, 'the themes to reach the server');
  } finally {
    provider.destroy();
    doc.destroy();
  }
  const vote = (body: unknown) => call(server.url, 'POST', `/api/sessions/${session.id}/vote`, session.facilitatorToken, body);
  const opened = await vote({ action: 'open', votesPerParticipant: 3, target: 'themes', question: 'Quels thèmes sont prioritaires ?' });
  if (opened.status !== 200) throw new Error(`vote: ${opened.status}`);
  // Dots handed out in turn: participant k puts dot n on the theme, 3 dots each at most.
  let dot = 0;
  for (const theme of spec.themes) {
    for (let n = 0; n < theme.votes; n++, dot++) {
      const participantId = PARTICIPANTS[Math.floor(dot / 3)];
      if (participantId === undefined) throw new Error('not enough invented participants for these votes');
      const cast = await call(server.url, 'POST', `/api/sessions/${session.id}/vote/ballot`, session.groups[0]!.token, { participantId, itemId: themeIds.get(theme.label), action: 'add' });
      if (cast.status !== 200) throw new Error(`ballot: ${cast.status} ${JSON.stringify(cast.body)}`);
    }
  }
  const closed = await vote({ action: 'close' });
  if (closed.status !== 200) throw new Error(`close: ${closed.status}`);
  return { session, themeIds };
}
