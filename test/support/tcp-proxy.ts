// A loopback TCP relay in front of the shared test Neo4j, to give one client a database outage
// without stopping the server the other test files use: `cut()` resets every open connection and
// stops listening (new connections are refused, as with a dead server), `restore()` listens on
// the same port again. `stall()` is the other way a server goes away: a host that stops answering
// without refusing (a dropped VPN, a NAT that forgot the flow, a frozen VM). Open connections stay
// open and carry nothing more, and new ones are accepted and never answered.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  stall(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let server: net.Server | null = null;
  let stalled = false;
  const pairs = new Set<[net.Socket, net.Socket]>();

  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    const s = net.createServer((client) => {
      if (stalled) {
        open.add(client);
        client.on('error', () => client.destroy()).on('close', () => open.delete(client));
        client.pause();
        return;
      }
      const upstream = net.connect(targetPort, targetHost);
      open.add(client);
      open.add(upstream);
      const drop = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      pairs.add(pair);
      client.on('close', () => pairs.delete(pair));
    });
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => { server = s; resolve((s.address() as net.AddressInfo).port); });
  });

  const port = await listen(0);
  const cut = async () => {
    const s = server;
    server = null;
    stalled = false;
    pairs.clear();
    // resetAndDestroy sends RST, as a vanished peer's kernel would, not a polite FIN.
    for (const sock of open) sock.resetAndDestroy();
    open.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  const stall = () => {
    stalled = true;
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  };
  return {
    port,
    cut,
    stall,
    async restore() { if (!server) await listen(port); },
    close: cut,
  };
}
