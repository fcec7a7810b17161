/**
 * Scenario 6, document growth: what one drag gesture adds to a room's stored state, read back
 * from Concerto's SQLite log. The gesture is made as the canvas makes it: the drag position
 * travels through awareness at 60 Hz for a second (never stored), then one `moveNote` on drop,
 * so it must add exactly one stored write. For contrast, the same gesture written per frame.
 * A real drag in headless Chromium is in scenarios/browser.ts (scenario 7's page).
 */
import type { ScenarioReport, TargetCheck } from '../report.js';
import { ServerUnderTest } from '../servers/index.js';
import type { Context } from './context.js';
import { startGenerator } from './load.js';
import type { BrowserDrag } from './browser.js';

export interface GrowthResult {
  awarenessBytes: number;
  dropUpdateBytes: number;
  storedBytesPerGesture: number;
  storedRowsPerGesture: number;
  perFrame: { writes: number; storedBytes: number; storedRows: number };
  browser: BrowserDrag | null;
  browserNote?: string;
}

export async function growth(ctx: Context, browserDrag?: (server: ServerUnderTest) => Promise<BrowserDrag>): Promise<ScenarioReport> {
  ctx.log('growth: one drag gesture against Concerto (board API), then per-frame writes for contrast');
  const server = await ServerUnderTest.start('concerto');
  const generator = await startGenerator();
  let result: GrowthResult;
  try {
    const [room] = await server.openRooms(1);
    // an idle client keeps the room loaded from start to end: Concerto compacts a room's log
    // when it loads it, which would fold the rows counted here into one snapshot
    await generator.call('connect', { rooms: [room], clientsPerRoom: 1, clientIdBase: 900, notes: false });
    await generator.call('seed', { target: room, notes: 1, clientId: 21 });
    const before = await server.stored(room!);
    const gesture = await generator.call<{ dropUpdateBytes: number; awarenessBytes: number; writes: number }>('gesture', { target: room, clientId: 22, noteId: 's0', frames: 60 });
    const after = await server.stored(room!);
    const perFrame = await generator.call<{ dropUpdateBytes: number; writes: number }>('gesture', { target: room, clientId: 23, noteId: 's0', frames: 60, writeEveryFrame: true });
    const afterPerFrame = await server.stored(room!);
    result = {
      awarenessBytes: gesture.awarenessBytes,
      dropUpdateBytes: gesture.dropUpdateBytes,
      storedBytesPerGesture: after.bytes - before.bytes,
      storedRowsPerGesture: after.rows - before.rows,
      perFrame: { writes: perFrame.writes, storedBytes: afterPerFrame.bytes - after.bytes, storedRows: afterPerFrame.rows - after.rows },
      browser: null,
    };
    if (browserDrag) {
      try {
        result.browser = await browserDrag(server);
      } catch (err) {
        result.browserNote = (err as Error).message.slice(0, 300);
      }
    } else {
      result.browserNote = 'not run: Chromium or the built web app is missing (see the client scenario)';
    }
  } finally {
    await generator.call('closeAll').catch(() => undefined);
    await generator.stop().catch(() => undefined);
    await server.stop().catch(() => undefined);
  }
  const targets: TargetCheck[] = [
    { target: 'one stored write per drag gesture (board API)', value: `${result.storedRowsPerGesture} row(s), ${result.storedBytesPerGesture} B`, met: result.storedRowsPerGesture === 1 },
  ];
  if (result.browser) {
    targets.push({ target: 'one stored write per drag gesture (real drag, Chromium)', value: `${result.browser.storedRows} row(s), ${result.browser.storedBytes} B`, met: result.browser.storedRows === 1 });
  }
  const rows: (string | number | null)[][] = [
    ['board API: awareness drag, 60 frames (not stored)', result.awarenessBytes, 0, 0],
    ['board API: the drop (one moveNote)', result.dropUpdateBytes, result.storedBytesPerGesture, result.storedRowsPerGesture],
    ['contrast: a write per frame (60 moveNote)', null, result.perFrame.storedBytes, result.perFrame.storedRows],
  ];
  if (result.browser) rows.push(['real drag in Chromium (canvas)', null, result.browser.storedBytes, result.browser.storedRows]);
  return {
    id: 'growth',
    title: 'Scenario 6 — Document growth per drag gesture (Concerto, stored in SQLite)',
    tables: [{ columns: ['what', 'bytes sent', 'bytes stored', 'rows stored'], rows }],
    targets,
    notes: [
      'The references store nothing in their default wiring (n/a); the update a drop sends is the same client code for all.',
      ...(result.browserNote ? [`browser drag: ${result.browserNote}`] : []),
    ],
    data: result,
  };
}
