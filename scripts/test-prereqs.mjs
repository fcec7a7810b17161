#!/usr/bin/env node
/**
 * What `npm test` needs beyond node_modules, checked before the first test runs: Debian's
 * Chromium (the browser tests) and poppler-utils (the PDF read-backs). Missing ones are
 * installed with apt-get when this runs as root on Debian (as .ci/run does); otherwise the
 * run stops here with the one command to type. Nothing is ever skipped silently: browser
 * tests are skipped only when CONCERTO_SKIP_BROWSER=1 is set, and then it is said.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipBrowser = process.env.CONCERTO_SKIP_BROWSER === '1';

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Debian package → is it there? */
function missingPackages() {
  const missing = [];
  if (!skipBrowser && !existsSync(chromium)) missing.push('chromium');
  if (!['pdftotext', 'pdftoppm', 'pdfinfo', 'pdftohtml'].every(onPath)) missing.push('poppler-utils');
  return missing;
}

function say(message) {
  process.stderr.write(`test-prereqs: ${message}\n`);
}

if (process.env.CHROMIUM_PATH !== undefined && !skipBrowser && !existsSync(chromium)) {
  say(`CHROMIUM_PATH=${chromium} does not exist: point it at a Chromium binary, or unset it to use Debian's /usr/bin/chromium.`);
  process.exit(1);
}
if (skipBrowser) say('CONCERTO_SKIP_BROWSER=1: the browser tests will be SKIPPED (every apps/web/test/*.e2e.test.ts).');

let missing = missingPackages();
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = onPath('apt-get');
  if (isRoot && hasApt) {
    say(`installing ${missing.join(' ')} with apt-get…`);
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      say(`apt-get could not install ${missing.join(' ')}.`);
    }
    missing = missingPackages();
  }
  if (missing.length > 0) {
    const command = hasApt
      ? `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`
      : `install ${missing.join(' and ')} with your system's package manager${missing.includes('chromium') ? ', then set CHROMIUM_PATH to the Chromium binary' : ''}`;
    say(`missing ${missing.join(' and ')}: ${missing.includes('chromium') ? `no Chromium at ${chromium} (browser tests)` : ''}${missing.length === 2 ? '; ' : ''}${missing.includes('poppler-utils') ? 'no poppler-utils (PDF tests)' : ''}.`);
    say(`run this, then npm test again:\n\n    ${command}\n`);
    process.exit(1);
  }
  say('everything the tests need is installed.');
}
