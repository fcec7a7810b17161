/**
 * `npm run bench`: runs the scenarios, prints a table per scenario with the servers side by
 * side and the targets, and writes every number to JSON (bench/results/latest.json).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE } from './cli.js';
import type { ScenarioId } from './cli.js';
import { renderScenario, renderTargets } from './report.js';
import type { ScenarioReport } from './report.js';
import type { Context } from './scenarios/context.js';
import { webinar } from './scenarios/webinar.js';
import { saturation } from './scenarios/saturation.js';
import { cursors } from './scenarios/cursors.js';
import { coldLoad } from './scenarios/coldLoad.js';
import { memory } from './scenarios/memory.js';
import { growth } from './scenarios/growth.js';
import { client, browserDragFor } from './scenarios/browser.js';
import { exportScenario } from './scenarios/export.js';
import { cluster } from './scenarios/cluster.js';

const here = dirname(fileURLToPath(import.meta.url));
const benchRoot = join(here, '..');

const RUNNERS: Record<ScenarioId, (ctx: Context) => Promise<ScenarioReport>> = {
  webinar,
  saturation,
  cursors,
  coldLoad,
  memory,
  growth: (ctx) => growth(ctx, browserDragFor(ctx)),
  client,
  export: exportScenario,
  cluster,
};

function procLoad(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return loadavg().map((l) => l.toFixed(2)).join(' ');
  }
}

/** the commit measured, and whether the work tree had changes on top of it */
function gitState(): { commit: string | null; dirty: boolean | null } {
  const git = (args: string[]) => spawnSync('git', args, { cwd: benchRoot, encoding: 'utf8' });
  const head = git(['rev-parse', 'HEAD']);
  if (head.status !== 0) return { commit: null, dirty: null };
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return { commit: head.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim() !== '' : null };
}

function cpuPressure(): string | null {
  try {
    return readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0] ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const started = new Date();
  const t0 = performance.now();
  const log = (m: string) => console.error(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  const cpuProfDir = options.cpuProf ? mkdtempSync(join(tmpdir(), 'bench-prof-')) : undefined;
  const ctx: Context = { servers: options.servers, repeats: options.repeats, quick: options.quick, log, ...(cpuProfDir ? { cpuProfDir } : {}) };
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    git: gitState(),
    loadavgStart: procLoad(),
    cpuPressureStart: cpuPressure(),
    loadavgEnd: '',
    cpuPressureEnd: null as string | null,
  };
  log(`bench: ${options.scenarios.join(', ')} against ${options.servers.join(', ')}${options.quick ? ' (quick)' : ''}; load average ${machine.loadavgStart}`);

  const reports: ScenarioReport[] = [];
  for (const id of options.scenarios) {
    const scenarioStart = performance.now();
    try {
      const report = await RUNNERS[id](ctx);
      (report as ScenarioReport & { seconds?: number }).seconds = Math.round((performance.now() - scenarioStart) / 1000);
      reports.push(report);
      process.stdout.write('\n' + renderScenario(report));
    } catch (err) {
      log(`${id} failed: ${(err as Error).stack ?? err}`);
      reports.push({ id, title: id, tables: [], targets: [], notes: [`failed: ${(err as Error).message}`], data: null });
    }
  }
  machine.loadavgEnd = procLoad();
  machine.cpuPressureEnd = cpuPressure();
  process.stdout.write('\n' + renderTargets(reports) + '\n');
  console.log(`\nload average: start ${machine.loadavgStart} / end ${machine.loadavgEnd}; ${((performance.now() - t0) / 1000).toFixed(0)} s in all`);

  const out = options.out ?? join(benchRoot, 'results', options.quick ? 'latest-quick.json' : 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  const json = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - t0) / 1000),
    options,
    machine,
    targets: reports.flatMap((r) => r.targets.map((t) => ({ scenario: r.id, ...t }))),
    scenarios: Object.fromEntries(reports.map((r) => [r.id, r])),
  };
  writeFileSync(out + '.tmp', JSON.stringify(json, null, 1));
  rmSync(out, { force: true });
  writeFileSync(out, readFileSync(out + '.tmp'));
  rmSync(out + '.tmp', { force: true });
  console.log(`results: ${out}`);
  if (cpuProfDir) console.log(`CPU profile(s): ${cpuProfDir}`);
}

// Ctrl-C: exit, which kills the server and generator processes (proc.ts)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
