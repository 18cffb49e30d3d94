/**
 * A provider that breaks the connection: it answers the first request on each connection with
 * the given status line, headers and body chunks (chunked encoding, or with `declaredLength` a
 * `content-length` the chunks fall short of), waits for `reset`, then resets the TCP connection
 * (RST) — what a crashed provider or a dropped proxy looks like.
 */
import { createServer, type Socket } from "node:net";

export interface ResettingProvider {
  readonly url: string;
  stop(): void;
}

export function startResettingProvider(contentType: string, chunks: readonly string[], reset: Promise<void>, declaredLength?: number): ResettingProvider {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", () => {
      const framing = declaredLength === undefined ? "transfer-encoding: chunked" : `content-length: ${declaredLength}`;
      const body = declaredLength === undefined ? chunks.map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`).join("") : chunks.join("");
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: ${contentType}\r\n${framing}\r\n\r\n${body}`);
      void reset.then(() => socket.resetAndDestroy());
    });
  });
  server.listen(0, "127.0.0.1");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
