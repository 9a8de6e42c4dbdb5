// A loopback TCP relay in front of the shared test Neo4j, to give one client a database outage
// without stopping the server the other test files use: `cut()` resets every open connection and
// stops listening (new connections are refused, as with a dead server), `restore()` listens on
// the same port again.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let server: net.Server | null = null;

  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    const s = net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost);
      open.add(client);
      open.add(upstream);
      const drop = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => { server = s; resolve((s.address() as net.AddressInfo).port); });
  });

  const port = await listen(0);
  const cut = async () => {
    const s = server;
    server = null;
    // resetAndDestroy sends RST, as a vanished peer's kernel would, not a polite FIN.
    for (const sock of open) sock.resetAndDestroy();
    open.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  return {
    port,
    cut,
    async restore() { if (!server) await listen(port); },
    close: cut,
  };
}
