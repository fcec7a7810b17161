/**
 * Helpers of the plenary, vote and projection browser tests: groups share key ideas the way a
 * real canvas does (a y-websocket client writes notes and marks them, then the HTTP push), and
 * pages open with a token in the fragment as a pasted link would.
 */
import * as Y from 'yjs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createNote, markKeyIdea } from '@concerto/board';
import type { CreateProgrammeResponse, CreateSessionResponse, PushResponse } from '@concerto/contract';

import { roomProvider } from './harness.js';
import type { RunningServer } from './harness.js';

export async function api<T>(server: RunningServer, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

/** A new démarche (POST /api/programmes, open as no ADMIN_TOKEN is set in the browser tests). */
export async function createProgramme(server: RunningServer, title: string): Promise<CreateProgrammeResponse> {
  const created = await fetch(`${server.url}/api/programmes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title }) });
  if (created.status !== 201) throw new Error(`creating the démarche « ${title} »: ${created.status} ${await created.text()}`);
  return (await created.json()) as CreateProgrammeResponse;
}

/**
 * A group writes notes on its canvas, marks them as key ideas, then shares to the plenary.
 * Returns once the push answered with exactly these ideas.
 */
export async function shareKeyIdeas(server: RunningServer, session: CreateSessionResponse, groupIndex: number, texts: string[]): Promise<PushResponse> {
  const group = session.groups[groupIndex];
  if (group === undefined) throw new Error('no such group');
  const doc = new Y.Doc();
  const provider = roomProvider(server, session.id, group.id, group.token, doc);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('group room did not sync')), 10_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    texts.forEach((text, i) => {
      const noteId = createNote(doc, { text, x: 100 + i * 220, y: 100, author: 'Test' });
      const marked = markKeyIdea(doc, { noteId }, texts.length);
      if (!marked.ok) throw new Error(`mark: ${marked.reason}`);
    });
    // The push reads the server's copy: retry until our writes have reached it.
    const started = Date.now();
    for (;;) {
      const { status, body } = await api<PushResponse>(server, `/api/sessions/${session.id}/groups/${group.id}/push`, group.token, {});
      if (status !== 200) throw new Error(`push: ${status}`);
      if (body.keyIdeas.length === texts.length) return body;
      if (Date.now() - started > 5000) throw new Error('the key ideas never reached the server');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

export function plenaryUrl(server: RunningServer, session: CreateSessionResponse, token: string): string {
  return `${server.url}/s/${session.id}/plenary#token=${token}`;
}

export function projectionUrl(server: RunningServer, session: CreateSessionResponse, token = session.projectorToken): string {
  return `${server.url}/s/${session.id}/projection#token=${token}`;
}

/** A fresh browser context (its own storage, so its own anonymous voter id), French, on `url`. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(8000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(url);
  return page;
}

/** The facilitator's plenary, once it may write (the form to create a theme shows then). */
export async function openFacilitatorPlenary(browser: Browser, server: RunningServer, session: CreateSessionResponse): Promise<Page> {
  const page = await openPage(browser, plenaryUrl(server, session, session.facilitatorToken), { viewport: { width: 1440, height: 1000 } });
  await page.getByLabel('Titre du nouveau thème').waitFor();
  return page;
}

export async function openProjection(browser: Browser, server: RunningServer, session: CreateSessionResponse): Promise<Page> {
  const page = await openPage(browser, projectionUrl(server, session), { viewport: { width: 1920, height: 1080 } });
  await page.locator('.projection-stage').waitFor();
  return page;
}

/** The projection's current heading (what the room sees). */
export function projectedTitle(page: Page) {
  return page.locator('.projection-title');
}
