/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl from /usr/lib/postgresql/<v>/bin on
 * a random port, trust auth, 127.0.0.1 only), so a test can stop and start it without touching
 * the machine's. Run as the `postgres` user when the test runs as root (initdb refuses root).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../cluster/ports.js';

export interface OwnPostgres {
  url: string;
  stop(): void;
  start(): void;
  dispose(): void;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'pg_ctl'))) return join(root, v, 'bin');
  return null;
}

/** null (with the reason) where no PostgreSQL binaries are installed */
export async function ownPostgres(): Promise<OwnPostgres | string> {
  const bin = binDir();
  if (bin === null) return 'no /usr/lib/postgresql/*/bin/pg_ctl';
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'concerto-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (tool: string, args: string[]): void => {
    const command = [join(bin, tool), ...args];
    if (root) execFileSync('runuser', ['-u', 'postgres', '--', ...command], { stdio: 'pipe' });
    else execFileSync(command[0]!, command.slice(1), { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = (): void => run('pg_ctl', ['-D', data, '-o', options, '-w', '-l', join(dir, 'log'), 'start']);
  const stop = (): void => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    dispose() {
      try {
        stop();
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
