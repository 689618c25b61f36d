// A TCP proxy the tests put between the server and its database, to cut the connection as a restart would.
import net from 'node:net';

export interface Proxy {
  port: number;
  /** closes the listener and every open connection (the database "goes away") */
  stop(): Promise<void>;
  /** listens again on the same port */
  start(): Promise<void>;
}

export async function tcpProxy(target: { host: string; port: number }): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  let port = 0;
  const listen = () => new Promise<void>((res) => server.listen(port, '127.0.0.1', () => res()));
  await listen();
  port = (server.address() as net.AddressInfo).port;
  return {
    port,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((res) => server.close(() => res()));
    },
    start: listen,
  };
}
