/**
 * The Dockerfile builds and its image serves — proved without a Docker engine (none runs on these
 * machines and no registry is reachable): dockerReplay.ts replays the Dockerfile's COPY set
 * (honouring .dockerignore) and RUN commands in a temporary folder per stage, then this test
 * starts the final stage's CMD from it and checks /healthz, the API, the web app, HEALTHCHECK
 * and a clean SIGTERM.
 *
 * What is NOT replayed, honestly:
 * - `apt-get` (the base image's system packages) and `chown` (its `node` user): they shape the
 *   image's OS, not the application folder; this machine already has what they install.
 * - `npm ci`: by default its result is COPIED from this checkout's node_modules, which `npm ci`
 *   installed from the same package-lock.json that the Dockerfile copies. A real `npm ci` takes
 *   ~75 s on this 2-core machine; set CONCERTO_DOCKERFILE_NPM_CI=1 to run it for real. Every other
 *   command (`node scripts/build.mjs` from a tree without any dist or build info, `npm prune
 *   --omit=dev`, `mkdir`) runs for real.
 * - The Node version: the image's base is node:22, the replay runs this machine's Node.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from './cluster/ports.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerignore, hostPath, mapAbsolute, parseDockerfile, parseEnv, replayDockerfile } from './dockerReplay.js';
import type { ReplayResult, RunPolicy } from './dockerReplay.js';

const repo = new URL('../../../', import.meta.url).pathname;
const realNpmCi = process.env.CONCERTO_DOCKERFILE_NPM_CI === '1';

/** node_modules folders of this checkout: the root's and each workspace's own. */
function installedModules(): string[] {
  const found = ['node_modules'];
  for (const parent of ['packages', 'apps']) {
    for (const name of readdirSync(join(repo, parent))) if (existsSync(join(repo, parent, name, 'node_modules'))) found.push(`${parent}/${name}/node_modules`);
  }
  if (existsSync(join(repo, 'bench/node_modules'))) found.push('bench/node_modules');
  return found;
}

const policy: RunPolicy = (command, stage) => {
  if (/^(apt-get|rm -rf \/var\/lib\/apt)/.test(command)) return { run: false, why: "the base image's system packages" };
  if (/^chown\b/.test(command)) return { run: false, why: "the base image's node user" };
  const mkdir = /^mkdir -p (\/\S+)$/.exec(command);
  if (mkdir !== null) return { run: false, why: 'made in the stage folder', instead: () => mkdirSync(hostPath(stage, mkdir[1]!), { recursive: true }) };
  if (/^npm ci\b/.test(command) && !realNpmCi) {
    return {
      run: false,
      why: "copied from this checkout's node_modules (same package-lock.json); CONCERTO_DOCKERFILE_NPM_CI=1 runs it",
      instead: () => {
        for (const dir of installedModules()) cpSync(join(repo, dir), join(hostPath(stage, stage.workdir), dir), { recursive: true, verbatimSymlinks: true });
      },
    };
  }
  return { run: true };
};

describe('Dockerfile helpers', () => {
  it('parses stages, continuation lines and instructions', () => {
    const stages = parseDockerfile('# c\nFROM a AS build\nWORKDIR /app\nRUN one \\\n  && two\n\nFROM b\nCOPY --from=build /app /app\n');
    expect(stages.map((s) => [s.from, s.name])).toEqual([['a', 'build'], ['b', null]]);
    expect(stages[0]!.instructions.map((i) => [i.keyword, i.rest])).toEqual([['WORKDIR', '/app'], ['RUN', 'one && two']]);
    expect(stages[1]!.instructions[0]).toMatchObject({ keyword: 'COPY', rest: '--from=build /app /app', line: 8 });
  });

  it('reads ENV in both forms', () => {
    expect(parseEnv('NODE_ENV=production PORT=8080 NAME="a b"')).toEqual({ NODE_ENV: 'production', PORT: '8080', NAME: 'a b' });
    expect(parseEnv('DATA_DIR /data')).toEqual({ DATA_DIR: '/data' });
  });

  it('matches .dockerignore patterns on a path and its parents', () => {
    const ignored = dockerignore('node_modules\n**/dist\n**/*.tsbuildinfo\n# comment\n');
    expect(ignored('node_modules/x/index.js')).toBe(true);
    expect(ignored('apps/server/dist/main.js')).toBe(true);
    expect(ignored('packages/board/tsconfig.tsbuildinfo')).toBe(true);
    expect(ignored('apps/server/src/main.ts')).toBe(false);
    expect(ignored('apps/server/node_modules/x')).toBe(false);
  });
});

describe('the Dockerfile, replayed', () => {
  let work: string;
  let replay: ReplayResult;
  let server: ChildProcess | null = null;
  let url: string;
  let env: Record<string, string>;
  let logs = '';

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'concerto-docker-'));
    replay = replayDockerfile({
      context: repo,
      dockerfile: 'Dockerfile',
      workRoot: work,
      policy,
      baseEnv: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: process.env.HOME ?? work },
      timeoutMs: 300_000,
    });
    const { final } = replay;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // The image's environment, with the port picked here, loopback only and DATA_DIR in the stage folder.
    env = { ...final.env, PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mapAbsolute(final, final.env.DATA_DIR ?? '/data'), LOG_LEVEL: 'warn' };
    const [program, ...args] = final.cmd ?? [];
    expect(program).toBe('node');
    server = spawn(process.execPath, args, { cwd: hostPath(final, final.workdir), env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}:\n${logs}`);
      const status = await fetch(url + '/healthz').then((r) => r.status, () => 0);
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`no /healthz 200 within 30 s (last ${status}):\n${logs}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 420_000);

  afterAll(() => {
    if (server !== null && server.exitCode === null) server.kill('SIGKILL');
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('replays everything but the system layer (and npm ci unless asked)', () => {
    const commands = replay.skipped.map((line) => line.replace(/^Dockerfile:\d+ /, ''));
    const unexpected = commands.filter((c) => !/^(apt-get |rm -rf \/var\/lib\/apt|mkdir -p \/|chown |npm ci )/.test(c));
    expect(unexpected).toEqual([]);
    expect(commands.some((c) => c.startsWith('npm ci '))).toBe(!realNpmCi);
  });

  it('builds the server and the web app in the image, without development dependencies', () => {
    const app = hostPath(replay.final, '/app');
    expect(existsSync(join(app, 'apps/server/dist/main.js'))).toBe(true);
    expect(existsSync(join(app, 'apps/web/dist/index.html'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/better-sqlite3'))).toBe(true);
    // `npm prune --omit=dev` ran: the compilers are gone from the image
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/vite'))).toBe(false);
  });

  it('serves the API, the web app and a working HEALTHCHECK', async () => {
    const created = await fetch(url + '/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Image' }) });
    expect(created.status).toBe(201);
    const page = await fetch(url + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    expect(replay.final.healthcheck).not.toBeNull();
    const check = spawnSync('sh', ['-c', replay.final.healthcheck!], { env, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  });

  it('stops cleanly on SIGTERM (docker stop)', async () => {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
