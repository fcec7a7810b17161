/**
 * End-to-end harness: the real server as a child process (port 0, a temporary DATA_DIR,
 * serving the built apps/web/dist) and Debian's Chromium driven by playwright-core.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { CreateSessionResponse, CreateSessionRequest } from '@concerto/contract';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join(root, 'test-results/screenshots');

/**
 * Browser tests are skipped only when asked (CONCERTO_SKIP_BROWSER=1), and then it is said.
 * Without Chromium they fail with the command that installs it: `npm test` checks first
 * (scripts/test-prereqs.mjs, which installs it when run as root on Debian).
 */
export function skipBrowserTests(): boolean {
  if (process.env.CONCERTO_SKIP_BROWSER !== '1') return false;
  console.warn('CONCERTO_SKIP_BROWSER=1: browser tests SKIPPED');
  return true;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** A plain y-websocket client on one room of the running server (a person outside the browser, or a reader of the server's copy). */
export function roomProvider(server: RunningServer, sessionId: string, room: string, token: string, doc: Y.Doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/ws`, `${sessionId}/${room}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
}

/**
 * Builds what is stale (tsc -b, vite build). Test files run in parallel: a lock directory
 * keeps two builds from emptying apps/web/dist under each other's server.
 */
async function buildOnce(): Promise<void> {
  const lock = join(root, 'node_modules/.cache/concerto-e2e-build.lock');
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit', env });
    if (build.status !== 0) {
      // Another package's type errors must not hide the web app's behaviour: bundle the app
      // alone (Vite does not type-check) and use the server as last built. `npm test` builds
      // first and fails on those errors anyway.
      if (!existsSync(join(root, 'apps/server/dist/main.js'))) throw new Error('build failed');
      console.warn('tsc -b failed: testing the web app bundled by Vite alone, with the server as last built');
      const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
      if (vite.status !== 0) throw new Error('vite build failed');
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds what is stale, then starts the server on a free port with a fresh DATA_DIR, or with
 * `dataDir` (the caller's, left in place: e.g. a small tmpfs a test fills up).
 */
export async function startServer(options: { dataDir?: string } = {}): Promise<RunningServer> {
  await buildOnce();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'concerto-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /ready on (http:\/\/[^\s)]+)/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: run \`node scripts/test-prereqs.mjs\` (as root it installs Debian's chromium), or set CHROMIUM_PATH (CONCERTO_SKIP_BROWSER=1 skips these tests)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync',
    ],
  });
}

export async function createSession(
  server: RunningServer,
  body: CreateSessionRequest = { title: 'Séance de test' },
): Promise<CreateSessionResponse> {
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create session: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateSessionResponse;
}

export function groupLink(server: RunningServer, session: CreateSessionResponse, index = 0): string {
  const group = session.links.groups[index];
  if (group === undefined) throw new Error('no such group');
  return new URL(group.url, server.url).toString();
}

/** A browser context with a remembered display name, French, and the page open on `url`. */
export async function openAs(
  browser: Browser,
  url: string,
  name: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 }, ...options });
  await context.addInitScript((n) => {
    if (n) window.localStorage.setItem('concerto:name', n);
  }, name);
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${name}] page error:`, err.message));
  await page.goto(url);
  // A board with zones reads as sections on a phone, instead of the canvas.
  await page.getByRole('region', { name: 'Tableau du groupe' }).or(page.getByRole('region', { name: 'Zones du tableau' })).first().waitFor();
  return { context, page };
}

/** The facilitator's console of `session` on a desktop window, once `heading` (a panel's) shows. */
export async function openConsole(browser: Browser, server: RunningServer, session: CreateSessionResponse, heading: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(new URL(session.links.facilitator, server.url).toString());
  await page.getByRole('heading', { name: heading }).waitFor();
  return { context, page };
}

/**
 * Every 404 the context's pages meet, as they happen. The browser's own requests (the page's
 * icon) raise no 'response' event, only the console's « Failed to load resource… 404 », so
 * both are heard.
 */
export function watchNotFound(context: BrowserContext): string[] {
  const notFound: string[] = [];
  context.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('status of 404')) notFound.push(message.location().url || message.text());
  });
  return notFound;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** axe-core in the page: the serious and critical violations, summarised. */
export async function axeViolations(page: Page): Promise<string[]> {
  const axe = (await import('axe-core')).default;
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } };
    return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// --- page helpers -------------------------------------------------------------------------

export function canvas(page: Page) {
  return page.getByRole('region', { name: 'Tableau du groupe' });
}

export function note(page: Page, text: string) {
  return page.locator('.note', { hasText: text });
}

/** Adds a note with the toolbar button and types its text. */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Ajouter une note' }).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await note(page, text).waitFor();
}

/** Writes a note as on a phone: « Écrire une note », the text, « Ajouter la note ». */
export async function writeOnPhone(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Écrire une note' }).click();
  await page.getByRole('textbox', { name: 'Texte de la note' }).fill(text);
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await note(page, text).waitFor();
}

/** The world position (canvas units) an element is placed at, from its translate. */
export async function worldPosition(locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  const transform = await locator.evaluate((el) => (el as HTMLElement).style.transform);
  const match = /translate(?:3d)?\((-?[\d.]+)px, (-?[\d.]+)px/.exec(transform);
  if (!match) throw new Error(`no position in ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

export async function zoomOf(page: Page): Promise<number> {
  const transform = await page.locator('.canvas-world').evaluate((el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? '1');
}

export async function center(locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A keyboard pick-up (Space on a drag handle): resolves once dnd-kit listens for the arrows.
 * Its KeyboardSensor adds its keydown listener from a zero-delay timer set at the pick-up; an
 * arrow pressed before that timer ran is lost (a person is never that quick; a test under load
 * is). One of ours, set after it, has run once it has: timers of one delay run in order.
 */
export async function pickUpWithKeyboard(page: Page): Promise<void> {
  await page.keyboard.press('Space');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** A mouse drag in small steps, as a person would. */
export async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.waitForTimeout(50);
  await page.mouse.up();
}

/** A touch drag: press, hold (dnd-kit's long press), move, lift, through the DevTools protocol. */
export async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const point = (p: { x: number; y: number }) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  await page.waitForTimeout(400);
  for (let i = 1; i <= 12; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / 12, y: from.y + ((to.y - from.y) * i) / 12 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(p) });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Starts the real server and Chromium before a describe block's tests, and closes both after. */
/**
 * `withServerAndBrowser`, and the browser contexts the file's tests open (push them to the
 * returned list): closed after the tests, even when one failed halfway.
 */
export function withServerBrowserAndContexts(ready: (server: RunningServer, browser: Browser) => void): BrowserContext[] {
  const contexts: BrowserContext[] = [];
  withServerAndBrowser(ready);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });
  return contexts;
}

export function withServerAndBrowser(ready: (server: RunningServer, browser: Browser) => void): void {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
