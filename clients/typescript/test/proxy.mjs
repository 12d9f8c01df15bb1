// A TCP proxy in front of the server whose connections a test can cut, like a network drop.
import { connect, createServer } from 'node:net';

export async function startProxy(targetPort) {
  const sockets = new Set();
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const [from, to] of [[client, upstream], [upstream, client]]) {
      sockets.add(from);
      from.on('close', () => { sockets.delete(from); to.destroy(); });
      from.on('error', () => to.destroy());
      from.pipe(to);
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: server.address().port,
    get connections() { return connections; },
    /** Resets every open connection (both sides see it close abruptly). */
    cutAll() {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    close: () => new Promise((done) => { for (const socket of sockets) socket.destroy(); server.close(done); }),
  };
}
