/**
 * Progress on stderr for long exports: a bar redrawn in place on a terminal, plain lines
 * otherwise (a log file or a CI job would fill with carriage returns).
 */

export interface Progress {
  tick(label: string): void;
  done(): void;
}

export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let count = 0;
  const width = 24;
  if (!stream.isTTY) {
    return {
      tick(label) {
        count++;
        stream.write(`[${count}/${total}] ${label}\n`);
      },
      done() {},
    };
  }
  const columns = () => stream.columns || 80; // 0 when the terminal does not say
  return {
    tick(label) {
      count++;
      const filled = Math.round((count / Math.max(total, 1)) * width);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total} `;
      const room = Math.max(0, columns() - bar.length - 1);
      const shown = label.length <= room ? label : room > 10 ? `…${label.slice(label.length - room + 1)}` : '';
      stream.write(`\r\x1b[K${bar}${shown}`);
    },
    done() {
      stream.write('\n');
    },
  };
}
