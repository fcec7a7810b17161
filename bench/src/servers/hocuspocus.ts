/**
 * The reference Hocuspocus server, `@hocuspocus/server` 3.x (the newest line that runs on
 * Node 20), in its own process, wired as its README shows: `new Server({ port })` and
 * `listen()`. In memory by default (no extension). With BENCH_STORE_DIR set, it stores and
 * loads documents through its documented `onStoreDocument` / `onLoadDocument` hooks (what its
 * Database extension does), one file per document: the cold-load scenario.
 * With BENCH_REDIS_URL set (the cluster scenario), instances share documents through
 * `@hocuspocus/extension-redis` 3.x, wired as its documentation shows:
 * `extensions: [new Redis({ host, port })]`, plus a key prefix of the run (BENCH_REDIS_PREFIX).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { runWrapper } from './wrapper.js';

await runWrapper(async () => {
  const storeDir = process.env.BENCH_STORE_DIR;
  if (storeDir) mkdirSync(storeDir, { recursive: true });
  const file = (name: string) => join(storeDir!, encodeURIComponent(name) + '.bin');
  const redisUrl = process.env.BENCH_REDIS_URL ? new URL(process.env.BENCH_REDIS_URL) : null;
  const server = new Server({
    extensions: redisUrl
      ? [new Redis({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379), prefix: process.env.BENCH_REDIS_PREFIX ?? 'hocuspocus' })]
      : [],
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    ...(storeDir
      ? {
          async onLoadDocument({ document, documentName }: { document: Y.Doc; documentName: string }) {
            if (existsSync(file(documentName))) Y.applyUpdate(document, readFileSync(file(documentName)));
            return document;
          },
          async onStoreDocument({ document, documentName }: { document: Y.Doc; documentName: string }) {
            writeFileSync(file(documentName), Y.encodeStateAsUpdate(document));
          },
        }
      : {}),
  });
  await server.listen();
  const address = server.httpServer.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    roomsInMemory: () => server.hocuspocus.documents.size,
    async close() {
      await server.destroy();
    },
  };
});
