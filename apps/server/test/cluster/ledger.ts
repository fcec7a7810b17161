/**
 * Who wrote what, who saw what: the evidence for "0 edits lost". Each client writes notes
 * whose text names it; every note a client sees that another wrote is "seen by others", and
 * must be in the final document of every client.
 */
import { createNote, listNotes } from '@concerto/board';
import type { ClusterClient } from './cluster.js';

export interface Ledger {
  written: Set<string>;
  seenByOthers: Set<string>;
  /** starts every client writing one note every `everyMs`; returns a stop function */
  write(clients: readonly ClusterClient[], everyMs: number): () => void;
  /** what every client must hold but one does not, per client */
  missing(clients: readonly ClusterClient[]): Map<string, string[]>;
}

/** writers still running, stopped by stopWriters() in afterAll when a test failed midway */
const running = new Set<() => void>();

export function stopWriters(): void {
  for (const stop of running) stop();
}

export function ledger(clients: readonly ClusterClient[]): Ledger {
  const written = new Set<string>();
  const seenByOthers = new Set<string>();
  for (const c of clients) {
    c.doc.on('update', () => {
      for (const note of listNotes(c.doc)) if (!note.text.startsWith(`${c.name}#`)) seenByOthers.add(note.text);
    });
  }
  return {
    written,
    seenByOthers,
    write(writers, everyMs) {
      let k = 0;
      const timer = setInterval(() => {
        k += 1;
        for (const c of writers) {
          const text = `${c.name}#${k}`;
          createNote(c.doc, { text, x: k, y: 0, author: c.name });
          written.add(text);
        }
      }, everyMs);
      const stop = (): void => {
        clearInterval(timer);
        running.delete(stop);
      };
      running.add(stop);
      return stop;
    },
    missing(finals) {
      const result = new Map<string, string[]>();
      for (const c of finals) {
        const has = new Set(c.notes());
        const lost = [...written].filter((t) => !has.has(t));
        if (lost.length > 0) result.set(c.name, lost);
      }
      return result;
    },
  };
}

/** the longest time any client spent between a disconnection and its next connection */
export function longestGap(clients: readonly ClusterClient[]): { ms: number; reconnections: number } {
  let ms = 0;
  let reconnections = 0;
  for (const c of clients) {
    for (const down of c.disconnects) {
      const up = c.connects.find((t) => t >= down);
      ms = Math.max(ms, (up ?? Date.now()) - down);
      reconnections += 1;
    }
  }
  return { ms, reconnections };
}

/** every client has seen at least one note written by every other client (across instances) */
export function everyoneSawEveryone(clients: readonly ClusterClient[]): boolean {
  return clients.every((c) => {
    const authors = new Set(c.notes().map((t) => t.split('#')[0]));
    return clients.every((other) => authors.has(other.name));
  });
}
