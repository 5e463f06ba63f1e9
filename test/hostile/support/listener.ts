/**
 * A TCP listener on 127.0.0.1 that records every connection made to it and the first bytes sent:
 * the host a hostile document points at. "No request leaves" is proved by a listener that
 * receives nothing, next to a control run that shows the same document does reach it when
 * nothing stops it.
 */
import { createServer, type Socket } from 'node:net';

export interface Listener {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The first bytes of each connection received so far (one entry per connection). */
  received: string[];
  close(): Promise<void>;
}

export async function startListener(): Promise<Listener> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const at = received.push('') - 1;
    socket.on('data', (d: Buffer) => {
      if (received[at]!.length < 500) received[at] += d.toString('latin1');
      // Answer like an HTTP server would, so a client that waits for one does not hang.
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
