/**
 * A full disk for a test: a small tmpfs of the test's own, filled by a filler file; deleting
 * the filler gives the space back. Used by the fault suite (issue 10 item 8) and the browser
 * test of the storage banner (item 9). Mounting needs root: elsewhere `mountTmpfs` returns
 * null and says why, and the test is skipped with that message.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** a tmpfs of `size` (e.g. `2m`) mounted on a fresh directory, or null with the reason printed */
export function mountTmpfs(size = '2m', say: (text: string) => void = (t) => process.stdout.write(`${t}\n`)): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'concerto-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch (err) {
    rmdirSync(dir);
    say(`disk full: SKIPPED, cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

/** unmounts and removes the directory; a failure is left for the test's own failure to show */
export function unmountTmpfs(dir: string): void {
  try {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  } catch {
    /* left mounted */
  }
}

/** writes zeros until the file system refuses: what is left for SQLite is nothing */
export function fill(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch {
    // ENOSPC: full; then the last bytes, one KB at a time
    try {
      for (;;) written += writeSync(fd, chunk.subarray(0, 1024));
    } catch {
      /* full */
    }
  } finally {
    closeSync(fd);
  }
  return written;
}
