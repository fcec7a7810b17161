/**
 * A newcomer's first `npm test` (issue 12): scripts/test-prereqs.mjs stops with the one command
 * to run when something the tests need is missing (a package, or a Redis or PostgreSQL that
 * does not answer), and a skip is said, never silent. (Installing
 * with apt-get as root is what .ci/run exercises; these cases need no network.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { root } from './harness.js';

const script = join(root, 'scripts/test-prereqs.mjs');

function run(env: Record<string, string>, path?: string) {
  const result = spawnSync(process.execPath, [script], {
    env: { HOME: process.env.HOME ?? '/tmp', PATH: path ?? process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, said: result.stderr };
}

/** A PATH with only a shell: no apt-get, no poppler-utils. */
function barePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'concerto-bare-path-'));
  symlinkSync('/bin/sh', join(dir, 'sh'));
  return dir;
}

describe('the test prerequisites', () => {
  it('stop with the one command to run when poppler-utils cannot be installed here', () => {
    const { status, said } = run({ CONCERTO_SKIP_BROWSER: '1' }, barePath());
    expect(status).toBe(1);
    expect(said).toContain('no poppler-utils (PDF tests)');
    expect(said).toContain('no redis-server (fan-out and cluster tests)');
    expect(said).toMatch(/install poppler-utils and (haproxy and )?redis-server with your system's package manager/);
  });

  it('refuse a CHROMIUM_PATH that points nowhere, before any test runs', () => {
    const { status, said } = run({ CHROMIUM_PATH: '/nowhere/chromium' });
    expect(status).toBe(1);
    expect(said).toContain('CHROMIUM_PATH=/nowhere/chromium does not exist');
  });

  it('stop with the command to run when no PostgreSQL or Redis answers where the tests look', () => {
    const { status, said } = run({ TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test', TEST_REDIS_URL: 'redis://127.0.0.1:1' });
    expect(status).toBe(1);
    expect(said).toContain('no Redis answers at redis://127.0.0.1:1 (fan-out and cluster tests)');
    expect(said).toContain('no PostgreSQL answers at postgres://postgres@127.0.0.1:1/test');
    expect(said).toContain('CONCERTO_SKIP_PG=1 skips the PostgreSQL tests');
  });

  it('say it when the PostgreSQL tests are skipped on request, and then need no PostgreSQL', () => {
    const { status, said } = run({ CONCERTO_SKIP_PG: '1', TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
    expect(said).toContain('the PostgreSQL tests will be SKIPPED');
    expect(said).not.toContain('no PostgreSQL answers');
    expect(status).toBe(0);
  });

  it('say it when browser tests are skipped on request', () => {
    const { said } = run({ CONCERTO_SKIP_BROWSER: '1' });
    expect(said).toContain('the browser tests will be SKIPPED');
  });
});
