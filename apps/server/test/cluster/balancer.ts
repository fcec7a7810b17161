/**
 * A TCP round-robin balancer on 127.0.0.1, standing in for the load balancer in front of a
 * cluster (no sticky sessions): each new connection goes to the next backend; a backend that
 * refuses (killed, restarting) is skipped. Websockets pass through untouched.
 */
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

export interface Balancer {
  readonly port: number;
  readonly wsUrl: string;
  /** how many client connections each backend port received */
  readonly picks: Map<number, number>;
  close(): Promise<void>;
}

export async function startBalancer(backends: () => readonly number[]): Promise<Balancer> {
  let next = 0;
  const picks = new Map<number, number>();
  const sockets = new Set<Socket>();

  const connectTo = (ports: readonly number[], tries: number, client: Socket): void => {
    if (tries >= ports.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = ports[next++ % ports.length]!;
    const upstream = createConnection({ host: '127.0.0.1', port });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    const refused = (): void => connectTo(ports, tries + 1, client);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.removeListener('error', refused);
      picks.set(port, (picks.get(port) ?? 0) + 1);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
    });
  };

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    connectTo(backends(), 0, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    picks,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
