#!/usr/bin/env node
/**
 * What `npm test` needs beyond node_modules, checked before the first test runs: Debian's
 * Chromium (the browser tests), poppler-utils (the PDF read-backs), HAProxy (the test through
 * the proxy), redis-server and a Redis on TEST_REDIS_URL (the fan-out and cluster tests), and a
 * PostgreSQL on TEST_DATABASE_URL (the PostgreSQL adapter, cluster and proxy tests). Missing
 * packages are installed with apt-get and stopped services started, as .ci/run does, when this
 * runs as root on Debian; otherwise the run stops here with the command to type. Nothing is
 * ever skipped silently: browser tests are skipped only when CONCERTO_SKIP_BROWSER=1 is set,
 * the PostgreSQL tests only when CONCERTO_SKIP_PG=1 is, and then it is said.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createConnection } from 'node:net';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipBrowser = process.env.CONCERTO_SKIP_BROWSER === '1';
const haproxy = process.env.HAPROXY ?? '/usr/sbin/haproxy';
const skipPg = process.env.CONCERTO_SKIP_PG === '1';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
const pgUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_PG;
const redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS;

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Debian package → is it there? */
function missingPackages() {
  const missing = [];
  if (!skipBrowser && !existsSync(chromium)) missing.push('chromium');
  if (!['pdftotext', 'pdftoppm', 'pdfinfo', 'pdftohtml'].every(onPath)) missing.push('poppler-utils');
  if (!existsSync(haproxy)) missing.push('haproxy');
  if (!onPath('redis-server')) missing.push('redis-server');
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
if (skipPg) say('CONCERTO_SKIP_PG=1: the PostgreSQL tests will be SKIPPED (postgres.test, redisCluster.test, the cluster behind HAProxy in proxy.test).');

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
    const why = {
      chromium: `no Chromium at ${chromium} (browser tests)`,
      'poppler-utils': 'no poppler-utils (PDF tests)',
      haproxy: `no HAProxy at ${haproxy} (the test through the proxy)`,
      'redis-server': 'no redis-server (fan-out and cluster tests)',
    };
    say(`missing ${missing.join(' and ')}: ${missing.map((m) => why[m]).join('; ')}.`);
    say(`run this, then npm test again:\n\n    ${command}\n`);
    process.exit(1);
  }
  say('everything the tests need is installed.');
}

// --- services: Redis and PostgreSQL answer where the tests look for them ---------------------

/** Whether something accepts a TCP connection at the URL's host and port. */
function answers(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function answersSoon(url, defaultPort, ms) {
  for (const until = Date.now() + ms; ;) {
    if (await answers(url, defaultPort)) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const problems = [];

if (!(await answers(redisUrl, 6379))) {
  // Started as .ci/run starts it: on the default address only, keeping nothing on disk.
  const starting = isRoot && redisUrl === DEFAULT_REDIS && onPath('redis-server');
  if (starting) {
    say('starting redis-server on 127.0.0.1:6379…');
    mkdirSync('/var/lib/redis', { recursive: true });
    mkdirSync('/var/log/redis', { recursive: true });
    spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/test.log'], { stdio: 'inherit' });
  }
  if (!(await answersSoon(redisUrl, 6379, starting ? 3000 : 0))) {
    problems.push(`no Redis answers at ${redisUrl} (fan-out and cluster tests): start one, or point TEST_REDIS_URL at one:\n\n    redis-server --daemonize yes --port 6379 --save ''\n`);
  }
}

if (!skipPg && !(await answers(pgUrl, 5432))) {
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  const start = versions.length === 1 ? ['--skip-systemctl-redirect', versions[0], 'main', 'start'] : null;
  const starting = isRoot && pgUrl === DEFAULT_PG && start !== null && onPath('pg_ctlcluster');
  if (starting) {
    say(`starting PostgreSQL ${versions[0]}…`);
    spawnSync('pg_ctlcluster', start, { stdio: 'inherit' });
  }
  if (!(await answersSoon(pgUrl, 5432, starting ? 10_000 : 0))) {
    const how = start !== null ? `sudo pg_ctlcluster ${start.join(' ')}` : 'sudo apt-get install -y --no-install-recommends postgresql';
    problems.push(`no PostgreSQL answers at ${pgUrl} (PostgreSQL adapter, cluster and proxy tests): start it, or point TEST_DATABASE_URL at a database the tests may create schemas in; CONCERTO_SKIP_PG=1 skips the PostgreSQL tests, and says so:\n\n    ${how}\n`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) say(problem);
  say('then npm test again.');
  process.exit(1);
}
