/**
 * Side-by-side load runs: the same spec against every server, repeated, the order rotated
 * between repeats; summaries are medians over repeats and ratios are medians of per-repeat
 * ratios (Concerto ÷ reference, measured minutes apart on the same machine).
 */
import { median, medianOfRatios } from '../stats.js';
import type { Table } from '../report.js';
import { SERVER_LABELS } from '../servers/index.js';
import type { ServerName, StartOptions } from '../servers/index.js';
import type { Context } from './context.js';
import { loadRun, rotate } from './load.js';
import type { LoadResult, LoadSpec } from './load.js';

export type Runs = Partial<Record<ServerName, (LoadResult | null)[]>>;

export async function compareLoad(
  ctx: Context,
  label: string,
  spec: LoadSpec,
  options: (server: ServerName, repeat: number) => StartOptions & { profileFile?: string } = () => ({}),
): Promise<{ runs: Runs; errors: string[] }> {
  const runs: Runs = {};
  const errors: string[] = [];
  for (const server of ctx.servers) runs[server] = [];
  for (let r = 0; r < ctx.repeats; r++) {
    for (const server of rotate(ctx.servers, r)) {
      ctx.log(`${label}: ${server}, repeat ${r + 1}/${ctx.repeats}`);
      try {
        const { profileFile, ...start } = options(server, r);
        const result = await loadRun(server, profileFile ? { ...spec, profileFile } : spec, start);
        runs[server]![r] = result;
        const l = result.generator.latency;
        ctx.log(
          `  p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} ms, server ${result.server_.cpuPerMessageUs.toFixed(0)} µs/msg, ` +
            `generator ${result.generator.generatorCpuPct.toFixed(0)} % CPU${result.flags.length ? ` FLAGGED: ${result.flags.join('; ')}` : ''}`,
        );
      } catch (err) {
        runs[server]![r] = null;
        errors.push(`${server} repeat ${r + 1}: ${(err as Error).message.slice(0, 300)}`);
        ctx.log(`  failed: ${(err as Error).message.slice(0, 300)}`);
      }
    }
  }
  return { runs, errors };
}

export interface Metric {
  label: string;
  get(run: LoadResult): number;
  /** ratio columns make sense for it */
  ratio?: boolean;
  /** summed over repeats instead of the median */
  sum?: boolean;
}

export function values(runs: Runs, server: ServerName, get: (run: LoadResult) => number): (number | null)[] {
  return (runs[server] ?? []).map((run) => (run ? get(run) : null));
}

export function medianOf(runs: Runs, server: ServerName, get: (run: LoadResult) => number): number {
  return median(values(runs, server, get).filter((v): v is number => v !== null));
}

export interface Ratio {
  ratio: number;
  /** repeats the ratio is the median over */
  pairs: number;
  /** false: every repeat had a generator-bound run on one side, so all repeats were used */
  clean: boolean;
}

/**
 * Median of per-repeat ratios, over the repeats where neither run was generator-bound (the
 * generator's CPU or schedule over its limits); over all repeats when there is no such repeat.
 * A run whose deliveries fell short stays in: that is the server's doing.
 */
export function ratioInfo(runs: Runs, server: ServerName, reference: ServerName, get: (run: LoadResult) => number): Ratio {
  const a = runs[server] ?? [];
  const b = runs[reference] ?? [];
  const cleanA: (number | null)[] = [];
  const cleanB: (number | null)[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && !x.generatorBound && !y.generatorBound) {
      cleanA.push(get(x));
      cleanB.push(get(y));
    }
  }
  if (cleanA.length > 0) return { ratio: medianOfRatios(cleanA, cleanB), pairs: cleanA.length, clean: true };
  const all = medianOfRatios(values(runs, server, get), values(runs, reference, get));
  return { ratio: all, pairs: Math.min(a.length, b.length), clean: false };
}

export function ratioOf(runs: Runs, server: ServerName, reference: ServerName, get: (run: LoadResult) => number): number {
  return ratioInfo(runs, server, reference, get).ratio;
}

/** "0.42× (3 repeats)" with a warning when only generator-bound repeats were there */
export function describeRatio(r: Ratio): string {
  if (!Number.isFinite(r.ratio)) return 'n/a';
  return `${r.ratio.toFixed(2)}× (${r.pairs} repeat${r.pairs === 1 ? '' : 's'}${r.clean ? '' : ', all generator-bound'})`;
}

/** medians per server, plus Concerto ÷ reference ratio columns */
export function loadTable(title: string, runs: Runs, servers: ServerName[], metrics: Metric[]): Table {
  const references = servers.filter((s) => s !== 'concerto');
  const withConcerto = servers.includes('concerto');
  const columns = ['metric (median of repeats)', ...servers.map((s) => SERVER_LABELS[s])];
  if (withConcerto) for (const ref of references) columns.push(`Concerto ÷ ${ref} (clean repeats)`);
  const rows = metrics.map((m) => {
    const summary = (s: ServerName) =>
      m.sum ? values(runs, s, m.get).reduce<number>((a, v) => a + (v ?? 0), 0) : medianOf(runs, s, m.get);
    const row: (string | number | null)[] = [m.label, ...servers.map(summary)];
    if (withConcerto) for (const ref of references) row.push(m.ratio === false ? null : ratioOf(runs, 'concerto', ref, m.get));
    return row;
  });
  return { title, columns, rows };
}

/** one line per run that measured the generator rather than the server */
export function flagNotes(runs: Runs): string[] {
  const notes: string[] = [];
  for (const [server, list] of Object.entries(runs)) {
    list?.forEach((run, r) => {
      if (run && run.flags.length > 0) notes.push(`FLAGGED ${server} repeat ${r + 1}: ${run.flags.join('; ')}`);
    });
  }
  return notes;
}

export const LATENCY_METRICS: Metric[] = [
  { label: 'latency p50 (ms)', get: (r) => r.generator.latency.p50 },
  { label: 'latency p95 (ms)', get: (r) => r.generator.latency.p95 },
  { label: 'latency p99 (ms)', get: (r) => r.generator.latency.p99 },
  { label: 'latency p99.9 (ms)', get: (r) => r.generator.latency.p999 },
  { label: 'deliveries/s', get: (r) => r.generator.deliveriesPerSec },
  { label: 'delivered (%)', get: (r) => r.generator.deliveredRatio * 100, ratio: false },
  { label: 'of which coalesced, cursors only (%)', get: (r) => (r.generator.coalesced / Math.max(1, r.generator.expected)) * 100, ratio: false },
  { label: 'frames relayed per message (all clients)', get: (r) => r.generator.framesReceived / Math.max(1, r.generator.sent) },
  { label: 'server CPU (% of a core)', get: (r) => r.server_.cpuPct },
  { label: 'server CPU per message relayed (µs)', get: (r) => r.server_.cpuPerMessageUs },
  { label: 'server event-loop delay p99 (ms)', get: (r) => r.server_.eldP99Ms },
  { label: 'server event-loop delay max (ms)', get: (r) => r.server_.eldMaxMs },
  { label: 'server RSS (MB)', get: (r) => r.server_.rssMB },
  { label: 'generator CPU (% of a core)', get: (r) => r.generator.generatorCpuPct, ratio: false },
  { label: 'generator schedule lag max (ms)', get: (r) => r.generator.lag.max, ratio: false },
  { label: 'runs flagged (of all repeats)', get: (r) => (r.flags.length > 0 ? 1 : 0), ratio: false, sum: true },
  { label: 'runs generator-bound (of all repeats)', get: (r) => (r.generatorBound ? 1 : 0), ratio: false, sum: true },
];
