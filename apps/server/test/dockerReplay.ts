/**
 * Replays a Dockerfile without a Docker engine: each stage gets a folder standing for its
 * filesystem root, COPY copies from the build context (minus .dockerignore) or from an earlier
 * stage, WORKDIR and ENV are tracked, and RUN's commands run in the stage's working directory.
 * What cannot be replayed on this machine is said, not hidden (see `RunPolicy` and `skipped`):
 * the base image's own system packages (apt-get) and user switches (chown, USER).
 * Used by dockerfile.test.ts; small enough to read in one go.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, posix, relative } from 'node:path';

export interface Instruction {
  keyword: string;
  /** everything after the keyword, continuation lines joined */
  rest: string;
  line: number;
}

export interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (comments dropped, `\` continuations joined). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let logical = lines[i] ?? '';
    if (/^\s*(#|$)/.test(logical)) continue;
    while (logical.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = lines[i] ?? '';
      if (/^\s*#/.test(next)) continue;
      logical = logical.slice(0, -1).trimEnd() + ' ' + next.trim();
    }
    const match = /^\s*(\w+)\s+(.*)$/.exec(logical);
    if (match === null) throw new Error(`Dockerfile line ${first}: cannot parse "${logical}"`);
    const keyword = match[1]!.toUpperCase();
    const rest = match[2]!.trim();
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (from === null) throw new Error(`Dockerfile line ${first}: cannot parse FROM "${rest}"`);
      stages.push({ from: from[1]!, name: from[2] ?? null, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`Dockerfile line ${first}: ${keyword} before any FROM`);
    stage.instructions.push({ keyword, rest, line: first });
  }
  return stages;
}

/** .dockerignore patterns as a predicate on context-relative POSIX paths (a match on a parent excludes the child). */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
      const source = pattern
        .split(/(\*\*\/|\*\*|\*|\?)/)
        .map((part) => {
          if (part === '**/') return '(?:.*/)?';
          if (part === '**') return '.*';
          if (part === '*') return '[^/]*';
          if (part === '?') return '[^/]';
          return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  const matches = (path: string): boolean => {
    let excluded = false;
    for (const rule of rules) if (rule.regex.test(path)) excluded = !rule.negate;
    return excluded;
  };
  return (path) => {
    const parts = path.split('/');
    for (let n = 1; n <= parts.length; n++) if (matches(parts.slice(0, n).join('/'))) return true;
    return false;
  };
}

/** What a RUN command becomes here. */
export type RunPolicy = (command: string, stage: StageState) => { run: true } | { run: false; instead?: () => void; why: string };

export interface StageState {
  name: string | null;
  /** the folder standing for this stage's `/` */
  root: string;
  /** working directory, as a container path */
  workdir: string;
  env: Record<string, string>;
  cmd: string[] | null;
  /** HEALTHCHECK's command, shell form */
  healthcheck: string | null;
  user: string | null;
}

export interface ReplayResult {
  stages: StageState[];
  final: StageState;
  /** commands not replayed, with the reason */
  skipped: string[];
}

/** A container path in the stage's folder. */
export function hostPath(stage: StageState, containerPath: string): string {
  const absolute = posix.isAbsolute(containerPath) ? containerPath : posix.join(stage.workdir, containerPath);
  return join(stage.root, posix.normalize(absolute));
}

/** `A=1 B="two words"` (or the legacy `A value`) as pairs. */
export function parseEnv(rest: string): Record<string, string> {
  const env: Record<string, string> = {};
  if (!/^\S+=/.test(rest)) {
    const [name, ...value] = rest.split(/\s+/);
    env[name!] = value.join(' ');
    return env;
  }
  for (const m of rest.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    const raw = m[2]!;
    env[m[1]!] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.startsWith("'") ? raw.slice(1, -1) : raw;
  }
  return env;
}

/** JSON (exec) form or whitespace-separated words. */
function words(rest: string): string[] {
  return rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
}

export interface ReplayOptions {
  context: string;
  dockerfile: string;
  /** empty folder; each stage gets a subfolder */
  workRoot: string;
  policy: RunPolicy;
  /** minimal environment RUN starts from (a build container does not inherit the test runner's) */
  baseEnv: Record<string, string>;
  timeoutMs: number;
}

export function replayDockerfile(options: ReplayOptions): ReplayResult {
  const stages = parseDockerfile(readFileSync(join(options.context, options.dockerfile), 'utf8'));
  const ignorePath = join(options.context, '.dockerignore');
  const ignored = existsSync(ignorePath) ? dockerignore(readFileSync(ignorePath, 'utf8')) : () => false;
  const states: StageState[] = [];
  const skipped: string[] = [];

  stages.forEach((stage, index) => {
    const state: StageState = { name: stage.name, root: join(options.workRoot, `stage${index}`), workdir: '/', env: {}, cmd: null, healthcheck: null, user: null };
    mkdirSync(state.root, { recursive: true });
    states.push(state);
    for (const { keyword, rest, line } of stage.instructions) {
      const where = `Dockerfile:${line}`;
      switch (keyword) {
        case 'WORKDIR':
          state.workdir = posix.isAbsolute(rest) ? rest : posix.join(state.workdir, rest);
          mkdirSync(hostPath(state, state.workdir), { recursive: true });
          break;
        case 'ENV':
          Object.assign(state.env, parseEnv(rest));
          break;
        case 'COPY': {
          const args = words(rest);
          const from = args.find((a) => a.startsWith('--from='))?.slice('--from='.length) ?? null;
          const paths = args.filter((a) => !a.startsWith('--'));
          const dest = paths.pop();
          if (dest === undefined || paths.length === 0) throw new Error(`${where}: COPY needs a source and a destination`);
          const source = from === null ? null : (states.find((s) => s.name === from) ?? states[Number(from)]);
          if (from !== null && source === undefined) throw new Error(`${where}: no stage "${from}"`);
          const destPath = hostPath(state, dest);
          const intoDir = dest.endsWith('/') || paths.length > 1;
          for (const src of paths) {
            const srcPath = source === undefined || source === null ? join(options.context, src) : hostPath(source, src);
            if (source === null && ignored(posix.normalize(src))) throw new Error(`${where}: ${src} is excluded by .dockerignore`);
            if (!existsSync(srcPath)) throw new Error(`${where}: COPY source ${src} does not exist`);
            const isDir = statSync(srcPath).isDirectory();
            const target = !isDir && intoDir ? join(destPath, basename(srcPath)) : destPath;
            cpSync(srcPath, target, {
              recursive: true,
              // relative links (npm's workspace links) must keep pointing inside the copy
              verbatimSymlinks: true,
              filter: (p) => source !== null || !ignored(relative(options.context, p).split('\\').join('/')),
            });
          }
          break;
        }
        case 'RUN':
          for (const command of rest.split(/\s+&&\s+/)) {
            const decision = options.policy(command, state);
            if (!decision.run) {
              skipped.push(`${where} ${command}: ${decision.why}`);
              decision.instead?.();
              continue;
            }
            const cwd = hostPath(state, state.workdir);
            const r = spawnSync('sh', ['-c', command], { cwd, env: { ...options.baseEnv, ...state.env }, encoding: 'utf8', timeout: options.timeoutMs });
            if (r.status !== 0) throw new Error(`${where}: "${command}" failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
          }
          break;
        case 'CMD':
          state.cmd = words(rest);
          break;
        case 'HEALTHCHECK': {
          const m = /\bCMD\s+(.*)$/.exec(rest);
          state.healthcheck = m?.[1] ?? null;
          break;
        }
        case 'USER':
          state.user = rest;
          break;
        case 'EXPOSE':
        case 'VOLUME':
        case 'LABEL':
        case 'ARG':
          break;
        default:
          throw new Error(`${where}: ${keyword} is not replayed by this test; teach dockerReplay.ts about it`);
      }
    }
  });
  const final = states.at(-1);
  if (final === undefined) throw new Error('Dockerfile has no stage');
  return { stages: states, final, skipped };
}

/** An environment value that is a container path, as the host path under the stage (relative values unchanged). */
export function mapAbsolute(stage: StageState, value: string): string {
  return isAbsolute(value) ? hostPath(stage, value) : value;
}
