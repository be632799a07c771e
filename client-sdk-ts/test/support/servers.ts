import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const MOCK_JAR = process.env.MOCK_JAR ?? resolve(root, "mock-server/target/mock-server.jar");
export const BUNDLE = process.env.CONTRACT_BUNDLE ?? resolve(root, "contract/target/classes/openapi.yaml");

/** The project's own contract mock (mock-server.jar) on a free port. */
export async function startMock(): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn("java", ["-jar", MOCK_JAR, "--port", "0", "--spec", BUNDLE], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("mock did not start: " + out)), 60_000);
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const m = /listening on (?:port |http:\/\/[^:\s]+:)(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.on("exit", (code) => reject(new Error(`mock exited ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A scripted HTTP server: the handler decides each answer; every request is recorded. */
export async function startFake(
  handler: (req: Seen, res: ServerResponse) => unknown,
): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const s = { method: req.method!, path: req.url!, headers: req.headers, body };
      seen.push(s);
      void handler(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  res.writeHead(status, { "Content-Type": type, ...headers });
  res.end(JSON.stringify(body));
}
