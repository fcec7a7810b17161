/**
 * Scenario 8's live part: what an export costs the rooms a server is serving. Concerto's real
 * server (its wrapper process) imports the export package's 10-group × 50-note sample, then two
 * facilitators ask for its PDF at once. The server's own event-loop delay over that stretch
 * (`monitorEventLoopDelay` in the wrapper) is how long every room's sync was paused: a render on
 * the event loop shows as a max of seconds, a render on a worker thread as a few ms.
 */
import { ServerUnderTest } from '../servers/index.js';
import type { Context } from './context.js';

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

export async function liveExportRuns(ctx: Context, runs: number): Promise<LiveExport[]> {
  const specifier = '@concerto/export';
  const fixturesSpecifier = '@concerto/export/fixtures';
  const mod = (await import(specifier)) as ExportModule;
  const fx = (await import(fixturesSpecifier)) as ExportFixtures;
  const archive = JSON.stringify(mod.buildArchive(fx.buildSampleSession({ groups: 10, notesPerGroup: 50 })));
  const out: LiveExport[] = [];
  for (let r = 0; r < runs; r++) {
    ctx.log(`export: two PDFs at once on a live Concerto server, run ${r + 1}`);
    const server = await ServerUnderTest.start('concerto');
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const imported = await fetch(`${base}/api/sessions/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: archive });
      if (imported.status !== 201) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
      const { id, facilitatorToken } = (await imported.json()) as { id: string; facilitatorToken: string };
      const exportPdf = async () => {
        const response = await fetch(`${base}/api/sessions/${id}/export.pdf`, { headers: { authorization: `Bearer ${facilitatorToken}` } });
        await response.arrayBuffer();
        return response.status;
      };
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
