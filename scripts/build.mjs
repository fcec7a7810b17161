#!/usr/bin/env node
// Builds what is stale, and nothing else, so `npm start` is fast after the first run:
// `tsc -b` is incremental by itself; the web bundle is rebuilt only when a source file
// it depends on is newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);

const stamp = join(root, 'apps/web/dist/index.html');
const sources = ['apps/web', 'packages/board/src', 'packages/contract/src', 'vite.config.ts'];
const newestSource = Math.max(...sources.map((s) => {
  const p = join(root, s);
  return statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
}));
if (process.argv.includes('--force') || !existsSync(stamp) || statSync(stamp).mtimeMs < newestSource) {
  // Always React's production build, even when called from a test runner that set NODE_ENV=test.
  run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { ...process.env, NODE_ENV: 'production' });
}
