/**
 * Scenario 8's live part: what an export costs the rooms a server is serving. Concerto's real
 * server (its wrapper process) imports the export package's 10-group × 50-note sample, then two
 * facilitators ask for its PDF at once. The server's own event-loop delay over that stretch
 * (`monitorEventLoopDelay` in the wrapper) is how long every room's sync was paused: a render on
 * the event loop shows as a max of seconds, a render on a worker thread as a few ms.
 */
import { ServerUnderTest } from '../servers/index.js';
import type { Context } from './context.js';
import { Rig, sleep } from './load.js';
import { webinarSpec } from './webinar.js';

export interface LiveExport {
  /** both PDFs answered, from the requests (ms) */
  bothMs: number;
  statuses: number[];
  eldMaxMs: number;
  eldP99Ms: number;
  /** event-loop stalls over 300 ms during the exports */
  stalls: number;
  /** each stall: its length and the CPU the server used meanwhile (≈ 0: not scheduled, a loaded machine) */
  stallDetail: { gapMs: number; cpuMs: number }[];
}

interface ExportFixtures {
  buildSampleSession(options: { groups?: number; notesPerGroup?: number }): unknown;
}
interface ExportModule {
  buildArchive(content: unknown): unknown;
}

/** the export package's 10 × 50 sample as an archive, ready to import */
async function sampleArchive(): Promise<string> {
  const specifier = '@concerto/export';
  const fixturesSpecifier = '@concerto/export/fixtures';
  const mod = (await import(specifier)) as ExportModule;
  const fx = (await import(fixturesSpecifier)) as ExportFixtures;
  return JSON.stringify(mod.buildArchive(fx.buildSampleSession({ groups: 10, notesPerGroup: 50 })));
}

/** imports the archive; a function that asks for its PDF (the answer's status) */
async function importedExporter(port: number, archive: string): Promise<() => Promise<number>> {
  const base = `http://127.0.0.1:${port}`;
  const imported = await fetch(`${base}/api/sessions/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: archive });
  if (imported.status !== 201) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
  const { id, facilitatorToken } = (await imported.json()) as { id: string; facilitatorToken: string };
  return async () => {
    const response = await fetch(`${base}/api/sessions/${id}/export.pdf`, { headers: { authorization: `Bearer ${facilitatorToken}` } });
    await response.arrayBuffer();
    return response.status;
  };
}

export interface ExportUnderLoad {
  /** the webinar's p99 (ms) in a window with no export, then in one where two PDFs were drawn */
  quietP99Ms: number;
  exportP99Ms: number;
  /** how long the two exports took, within the second window */
  bothMs: number;
  statuses: number[];
  flags: string[];
}

/**
 * Issue 13's own measure: the webinar load (10 × 30 × 5 moves/s) on a Concerto server that also
 * holds the 10 × 50 session; windows alternate, one without export and one during which two
 * facilitators export its PDF at once (the exports start with the window and end inside it).
 * What the exports add is the difference between the two windows' p99.
 */
export async function exportsUnderWebinar(ctx: Context, pairs: number): Promise<ExportUnderLoad[]> {
  const archive = await sampleArchive();
  const spec = webinarSpec(ctx.quick);
  const windowMs = 3_000;
  const warmupMs = 1_000;
  const rig = await Rig.open('concerto', { rooms: spec.rooms, clientsPerRoom: spec.clientsPerRoom, notes: true });
  const out: ExportUnderLoad[] = [];
  try {
    const exportPdf = await importedExporter(rig.server.port, archive);
    await exportPdf(); // the export worker started and warm, as on a server that exported once
    for (let r = 0; r < pairs; r++) {
      ctx.log(`export: webinar window without export, then with two exports, pair ${r + 1}`);
      const quiet = await rig.window(spec.mode, spec.ratePerClient, warmupMs, windowMs);
      let bothMs = NaN;
      const exporting = sleep(warmupMs).then(async () => {
        const t0 = performance.now();
        const statuses = await Promise.all([exportPdf(), exportPdf()]);
        bothMs = performance.now() - t0;
        return statuses;
      });
      const loaded = await rig.window(spec.mode, spec.ratePerClient, warmupMs, windowMs);
      const statuses = await exporting;
      out.push({
        quietP99Ms: quiet.generator.latency.p99,
        exportP99Ms: loaded.generator.latency.p99,
        bothMs,
        statuses,
        flags: [...quiet.flags, ...loaded.flags, ...(bothMs > windowMs ? [`the exports took ${bothMs.toFixed(0)} ms, longer than the ${windowMs} ms window`] : [])],
      });
    }
  } finally {
    await rig.close();
  }
  return out;
}

export async function liveExportRuns(ctx: Context, runs: number): Promise<LiveExport[]> {
  const archive = await sampleArchive();
  const out: LiveExport[] = [];
  for (let r = 0; r < runs; r++) {
    ctx.log(`export: two PDFs at once on a live Concerto server, run ${r + 1}`);
    const server = await ServerUnderTest.start('concerto');
    try {
      const exportPdf = await importedExporter(server.port, archive);
      await server.stats(true);
      const t0 = performance.now();
      const statuses = await Promise.all([exportPdf(), exportPdf()]);
      const bothMs = performance.now() - t0;
      const stats = await server.stats(true);
      out.push({ bothMs, statuses, eldMaxMs: stats.eld.max, eldP99Ms: stats.eld.p99, stalls: stats.stalls.length, stallDetail: stats.stalls });
    } finally {
      await server.stop().catch(() => undefined);
    }
  }
  return out;
}
