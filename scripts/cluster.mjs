#!/usr/bin/env node
// `npm run cluster`: the cluster topology on this machine, without Docker. Builds, starts
// Concerto instances on the machine's PostgreSQL and Redis, and HAProxy (Debian's package) in
// front of them doing round-robin websockets with health checks on /healthz, using the same
// deploy/haproxy.cfg as docker-compose.cluster.yml. Prints the URL; Ctrl-C or SIGTERM stops
// everything (instances first, each storing what is pending).
//
// Environment (all optional):
//   PORT             the proxy's port (8080)
//   INSTANCES        how many Concerto instances (2)
//   DATABASE_URL     postgres://postgres@127.0.0.1:5432/test
//   REDIS_URL        redis://127.0.0.1:6379
//   REDIS_PREFIX     passed to every instance (keys and channels of this cluster)
//   CONCERTO_SECRET  shared by every instance; default: generated once into data/cluster/secret
//   HAPROXY          the haproxy binary (/usr/sbin/haproxy, else `haproxy` on PATH)
//   any other variable of the server (LOG_LEVEL, ADMIN_TOKEN, PUBLIC_URL...) reaches every instance
// Flags: --no-build (use the existing build).
// An instance that dies is reported and the proxy routes around it (failover can be tried with
// kill -9); the script stops when it is told to or when no instance is left.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = process.env;
const proxyPort = Number(env.PORT ?? 8080);
const count = Number(env.INSTANCES ?? 2);
const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const haproxy = env.HAPROXY ?? (existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy');

function log(line) {
  process.stdout.write(`[cluster] ${line}\n`);
}

function fail(message) {
  process.stderr.write(`[cluster] ${message}\n`);
  process.exit(1);
}

if (!Number.isInteger(proxyPort) || proxyPort < 1 || proxyPort > 65535) fail(`PORT must be a port number (got ${env.PORT})`);
if (!Number.isInteger(count) || count < 1 || count > 16) fail(`INSTANCES must be from 1 to 16 (got ${env.INSTANCES})`);

/** Links must verify on every instance: one secret for all, kept across runs so links stay valid. */
function sharedSecret() {
  if (env.CONCERTO_SECRET) return env.CONCERTO_SECRET;
  const dir = join(root, 'data/cluster');
  const file = join(dir, 'secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** deploy/haproxy.cfg for local processes: docker-only lines dropped, bind and servers rewritten. */
export function localHaproxyConfig(template, listenPort, instances) {
  const lines = [];
  let serversWritten = false;
  for (const line of template.split('\n')) {
    if (line.includes('# docker-only')) continue;
    if (/^\s*bind\s/.test(line)) {
      lines.push(line.replace(/bind\s+\S+/, `bind 127.0.0.1:${listenPort}`));
    } else if (/^\s*server\s/.test(line)) {
      if (serversWritten) continue;
      const indent = /^\s*/.exec(line)[0];
      for (const { name, port } of instances) lines.push(`${indent}server ${name} 127.0.0.1:${port}`);
      serversWritten = true;
    } else {
      lines.push(line);
    }
  }
  if (!serversWritten) throw new Error('deploy/haproxy.cfg has no server line');
  return lines.join('\n');
}

async function waitHealthy(url, child, name, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it was ready`);
    const status = await fetch(url + '/healthz').then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${name}: no /healthz 200 within ${timeoutMs / 1000} s (last ${status})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Child output, line by line, prefixed with its name. */
function prefixed(child, name) {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const text = rest + chunk.toString();
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) process.stdout.write(`[${name}] ${part}\n`);
    });
  }
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const check = spawnSync(haproxy, ['-v'], { encoding: 'utf8' });
  if (check.status !== 0) fail(`haproxy not found (${haproxy}): apt-get install haproxy, or set HAPROXY`);

  const secret = sharedSecret();
  const work = mkdtempSync(join(tmpdir(), 'concerto-cluster-'));
  const children = new Map(); // name -> child process
  let stopping = false;

  const instances = [];
  for (let i = 1; i <= count; i++) instances.push({ name: `concerto-${i}`, port: await freePort() });

  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    const exits = [];
    for (const child of children.values()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      exits.push(new Promise((resolve) => child.once('exit', resolve)));
      // instances store what is pending on SIGTERM; HAProxy stops at once on SIGTERM
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }
    await Promise.all(exits);
    rmSync(work, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const onExit = (name) => (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code})`);
    if (name === 'haproxy') return void stopAll(1);
    const alive = instances.filter((i) => {
      const c = children.get(i.name);
      return c !== undefined && c.exitCode === null && c.signalCode === null;
    });
    if (alive.length === 0) return void stopAll(1);
    log(`the proxy routes around it: ${alive.map((i) => i.name).join(', ')} still serving`);
  };

  try {
    for (const instance of instances) {
      const child = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], {
        cwd: root,
        env: {
          ...env,
          PORT: String(instance.port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl,
          CONCERTO_SECRET: secret,
          // the secret is given, so the data directory holds nothing shared; one each anyway
          DATA_DIR: join(work, instance.name),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.set(instance.name, child);
      prefixed(child, instance.name);
      child.on('exit', onExit(instance.name));
    }
    await Promise.all(instances.map((i) => waitHealthy(`http://127.0.0.1:${i.port}`, children.get(i.name), i.name)));

    const config = localHaproxyConfig(readFileSync(join(root, 'deploy/haproxy.cfg'), 'utf8'), proxyPort, instances);
    const configFile = join(work, 'haproxy.cfg');
    writeFileSync(configFile, config);
    const valid = spawnSync(haproxy, ['-c', '-q', '-f', configFile], { encoding: 'utf8' });
    if (valid.status !== 0) throw new Error(`haproxy rejects its configuration:\n${valid.stdout}${valid.stderr}`);
    const proxy = spawn(haproxy, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.set('haproxy', proxy);
    prefixed(proxy, 'haproxy');
    proxy.on('exit', onExit('haproxy'));
    const url = `http://127.0.0.1:${proxyPort}`;
    await waitHealthy(url, proxy, 'haproxy');

    log(`instances: ${instances.map((i) => `${i.name} on 127.0.0.1:${i.port}`).join(', ')}`);
    log(`storage: ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}; fan-out: ${redisUrl}`);
    // the test waits for this line
    log(`ready: ${url}`);
  } catch (err) {
    process.stderr.write(`[cluster] ${err.message}\n`);
    await stopAll(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
