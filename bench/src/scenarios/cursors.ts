/**
 * Scenario 3, cursors: 10 rooms × 30 clients sending awareness cursors at 5 Hz (presence
 * only: nothing stored). Latency and server CPU per cursor message.
 */
import type { ScenarioReport, TargetCheck } from '../report.js';
import { compareLoad, describeRatio, flagNotes, LATENCY_METRICS, loadTable, medianOf, ratioInfo } from './compare.js';
import type { Context } from './context.js';
import type { LoadSpec } from './load.js';

export function cursorsSpec(quick: boolean): LoadSpec {
  return { rooms: 10, clientsPerRoom: 30, mode: 'cursors', ratePerClient: 5, warmupMs: quick ? 1_500 : 2_000, windowMs: quick ? 3_000 : 6_000 };
}

export async function cursors(ctx: Context, spec = cursorsSpec(ctx.quick)): Promise<ScenarioReport> {
  const { runs, errors } = await compareLoad(ctx, 'cursors', spec);
  const targets: TargetCheck[] = [];
  if (ctx.servers.includes('concerto')) {
    if (ctx.servers.includes('yws')) {
      const ratio = ratioInfo(runs, 'concerto', 'yws', (r) => r.server_.cpuPerMessageUs);
      targets.push({
        target: 'cursors: CPU per message ≤ 1.0× @y/websocket-server',
        value: describeRatio(ratio),
        met: Number.isFinite(ratio.ratio) ? ratio.ratio <= 1 : null,
        ...(ratio.clean ? {} : { note: 'every repeat had a generator-bound run' }),
      });
    }
    const p99 = medianOf(runs, 'concerto', (r) => r.generator.latency.p99);
    targets.push({ target: 'cursors: Concerto p99 ≤ 10 ms', value: `${p99.toFixed(1)} ms`, met: Number.isFinite(p99) ? p99 <= 10 : null });
  }
  return {
    id: 'cursors',
    title: 'Scenario 3 — Cursors (awareness)',
    tables: [
      loadTable(
        `${spec.rooms} rooms × ${spec.clientsPerRoom} clients, cursor at ${spec.ratePerClient} Hz each, ${spec.windowMs / 1000} s windows, ${ctx.repeats} repeat(s)`,
        runs,
        ctx.servers,
        LATENCY_METRICS.map((m) => (m.label.startsWith('server CPU per') ? { ...m, label: 'server CPU per cursor message relayed (µs)' } : m)),
      ),
    ],
    targets,
    notes: [...flagNotes(runs), ...errors.map((e) => `run failed: ${e}`)],
    data: { spec, runs },
  };
}
