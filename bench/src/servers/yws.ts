/**
 * The reference y-websocket server, `@y/websocket-server` 0.1.1, in its own process, wired as
 * its `src/server.js` does: an http server, `ws` in noServer mode, `setupWSConnection` with the
 * room name from the path. In memory by default (its default); with `YPERSISTENCE` set in
 * the environment it persists to LevelDB, its documented storage (the cold-load scenario).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { runWrapper } from './wrapper.js';

await runWrapper(async () => {
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end('okay');
  });
  wss.on('connection', setupWSConnection);
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      wss.emit('connection', ws, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    roomsInMemory: () => docs.size,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
});
