/**
 * Scenario 8, export: the PDF of a 10-group × 50-note session (the export package's sample),
 * timed, with the peak memory of the process that rendered it. Each run is a fresh process.
 */
import type { ScenarioReport } from '../report.js';
import { fork } from '../proc.js';
import { median } from '../stats.js';
import type { Context } from './context.js';
import { exportsUnderWebinar, liveExportRuns } from './exportLive.js';
import type { ExportUnderLoad, LiveExport } from './exportLive.js';

interface Rendered {
  ms: number;
  buildMs: number;
  renderMs: number;
  bytes: number;
  maxRssMB: number;
  rssBeforeMB: number;
  heapPeakMB: number;
}

export async function exportScenario(ctx: Context): Promise<ScenarioReport> {
  const base = { id: 'export', title: 'Scenario 8 — Export: PDF of a 10-group × 50-note session' };
  const runs: Rendered[] = [];
  let problem: string | null = null;
  for (let r = 0; r < (ctx.quick ? 1 : 3) && problem === null; r++) {
    ctx.log(`export: PDF of 10 × 50, run ${r + 1}`);
    const worker = fork('exportWorker.js', { name: 'export' });
    try {
      await worker.ready;
      runs.push(await worker.call<Rendered>('render', { groups: 10, notesPerGroup: 50 }, 120_000));
    } catch (err) {
      problem = (err as Error).message.split('\n')[0]!.slice(0, 300);
    } finally {
      await worker.stop().catch(() => undefined);
    }
  }
  if (runs.length === 0) {
    return { ...base, tables: [], targets: [{ target: 'PDF export of 10 × 50 ≤ 2 s', value: 'not run', met: null, note: problem ?? undefined }], notes: [`TODO: ${problem}`], data: null };
  }
  const m = (get: (r: Rendered) => number) => median(runs.map(get));
  const ms = m((r) => r.ms);
  let live: LiveExport[] = [];
  let liveProblem: string | null = null;
  let underLoad: ExportUnderLoad[] = [];
  let loadProblem: string | null = null;
  if (ctx.servers.includes('concerto')) {
    try {
      live = await liveExportRuns(ctx, ctx.quick ? 1 : 3);
    } catch (err) {
      liveProblem = `live export: ${(err as Error).message.split('\n')[0]!.slice(0, 300)}`;
    }
    try {
      underLoad = await exportsUnderWebinar(ctx, ctx.quick ? 1 : 3);
    } catch (err) {
      loadProblem = `export under the webinar load: ${(err as Error).message.split('\n')[0]!.slice(0, 300)}`;
    }
  }
  const lm = (get: (r: LiveExport) => number) => median(live.map(get));
  const eldMax = live.length > 0 ? lm((r) => r.eldMaxMs) : null;
  // the median of the per-pair differences: each pair ran minutes apart at most, on the same server
  const added = underLoad.length > 0 ? median(underLoad.map((u) => u.exportP99Ms - u.quietP99Ms)) : null;
  const ul = (get: (u: ExportUnderLoad) => number) => median(underLoad.map(get));
  return {
    ...base,
    tables: [
      {
        title: `median of ${runs.length} run(s), each in a fresh process`,
        columns: ['measure', 'value'],
        rows: [
          ['total time (ms)', ms],
          ['  building the sample session (ms)', m((r) => r.buildMs)],
          ['  rendering the PDF (ms)', m((r) => r.renderMs)],
          ['PDF size (KB)', m((r) => r.bytes / 1024)],
          ['peak RSS of the process (MB)', m((r) => r.maxRssMB)],
          ['peak JS heap (MB, sampled every 5 ms)', m((r) => r.heapPeakMB)],
        ],
      },
      ...(live.length === 0
        ? []
        : [
            {
              title: `live server: two facilitators export the 10 × 50 PDF at once (median of ${live.length} run(s), a fresh server each)`,
              columns: ['measure', 'value'],
              rows: [
                ['both PDFs answered (ms)', lm((r) => r.bothMs)],
                ['server event-loop delay max during them (ms)', lm((r) => r.eldMaxMs)],
                ['server event-loop delay p99 during them (ms)', lm((r) => r.eldP99Ms)],
                ['event-loop stalls over 300 ms', lm((r) => r.stalls)],
              ],
            },
          ]),
      ...(underLoad.length === 0
        ? []
        : [
            {
              title: `webinar 10 × 30 × 5 moves/s on the same server: 3 s windows without and with two PDF exports (median of ${underLoad.length} pair(s))`,
              columns: ['measure', 'value'],
              rows: [
                ['webinar p99 without export (ms)', ul((u) => u.quietP99Ms)],
                ['webinar p99 while two PDFs are drawn (ms)', ul((u) => u.exportP99Ms)],
                ['added to the p99 (ms, median of per-pair differences)', added!],
                ['both PDFs answered (ms)', ul((u) => u.bothMs)],
              ],
            },
          ]),
    ],
    targets: [
      { target: 'PDF export of 10 × 50 ≤ 2 s', value: `${(ms / 1000).toFixed(2)} s`, met: ms <= 2_000 },
      {
        target: 'two PDF exports pause the live server ≤ 10 ms (event-loop delay max)',
        value: eldMax === null ? 'not run' : `${eldMax.toFixed(1)} ms`,
        met: eldMax === null ? null : eldMax <= 10,
        note: liveProblem ?? undefined,
      },
      {
        target: 'exporting while the webinar load runs adds ≤ 10 ms to its p99',
        value: added === null ? 'not run' : `${added >= 0 ? '+' : ''}${added.toFixed(1)} ms`,
        met: added === null ? null : added <= 10,
        note: loadProblem ?? undefined,
      },
    ],
    notes: [problem, liveProblem, loadProblem, ...underLoad.flatMap((u) => u.flags)].filter((n): n is string => n !== null),
    data: { runs, live, underLoad },
  };
}
