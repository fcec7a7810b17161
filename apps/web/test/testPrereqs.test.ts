/**
 * A newcomer's first `npm test` (issue 12): scripts/test-prereqs.mjs stops with the one command
 * to run when something the tests need is missing, and a skip is said, never silent. (Installing
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
    expect(said).toContain('install poppler-utils with your system\'s package manager');
  });

  it('refuse a CHROMIUM_PATH that points nowhere, before any test runs', () => {
    const { status, said } = run({ CHROMIUM_PATH: '/nowhere/chromium' });
    expect(status).toBe(1);
    expect(said).toContain('CHROMIUM_PATH=/nowhere/chromium does not exist');
  });

  it('say it when browser tests are skipped on request', () => {
    const { said } = run({ CONCERTO_SKIP_BROWSER: '1' });
    expect(said).toContain('the browser tests will be SKIPPED');
  });
});
