#!/usr/bin/env node
// CometD's own Node.js server (npm cometd-nodejs-server 1.2.1): a Bayeux target written by the
// CometD project, beside faye.
//
//   node cometd_server.js [PORT] [MOUNT] [TIMEOUT_S] [MAX_INTERVAL_S]
//   node cometd_server.js --port 0 --mount /cometd --timeout 2 --max-interval 2
//
// PORT 0 (the default) takes a free port; MOUNT defaults to /cometd; TIMEOUT_S is the connect
// hold (CometD's `timeout`, default 5 s); MAX_INTERVAL_S how long a session lives without a
// connect (CometD's `maxInterval`, default 10 s). Listens on 127.0.0.1 and prints one JSON line
// {"port": N, "mount": "/cometd", "timeout": 2, "maxInterval": 2} once it accepts connections.
// Bayeux is served (long-polling only: this server has no websocket) on MOUNT and every
// sub-path of it, as CometD clients append /handshake, /connect, ...; anything else is 404.
// It checks no credentials (no security policy). Exits on SIGTERM, SIGINT or when its stdin
// closes (so it never outlives its parent), unless --ignore-stdin is given.
"use strict";

const http = require("node:http");
const { parseArgs } = require("node:util");
const cometd = require("cometd-nodejs-server");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string" },
    mount: { type: "string" },
    timeout: { type: "string" },
    "max-interval": { type: "string" },
    "ignore-stdin": { type: "boolean", default: false },
  },
});

const port = Number.parseInt(values.port ?? positionals[0] ?? "0", 10);
const mount = values.mount ?? positionals[1] ?? "/cometd";
const timeout = Number.parseFloat(values.timeout ?? positionals[2] ?? "5");
const maxInterval = Number.parseFloat(values["max-interval"] ?? positionals[3] ?? "10");
if (!Number.isInteger(port) || port < 0 || port > 65535 || !mount.startsWith("/") || !(timeout > 0) || !(maxInterval > 0)) {
  process.stderr.write("usage: node cometd_server.js [PORT] [MOUNT] [TIMEOUT_S] [MAX_INTERVAL_S]\n");
  process.exit(2);
}

const bayeux = cometd.createCometDServer({ timeout: timeout * 1000, maxInterval: maxInterval * 1000 });

const server = http.createServer((request, response) => {
  const path = new URL(request.url, "http://localhost").pathname;
  if (path === mount || path.startsWith(mount.replace(/\/$/, "") + "/")) {
    bayeux.handle(request, response);
    return;
  }
  response.writeHead(404, { "Content-Type": "application/json" });
  response.end('{"error": "not found"}');
});

server.on("error", (error) => {
  process.stderr.write(`cometd_server: ${error.message}\n`);
  process.exit(1);
});

server.listen(port, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: server.address().port, mount, timeout, maxInterval }) + "\n");
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  bayeux.close();
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();
}

process.on("SIGTERM", stop);
process.on("SIGINT", stop);
if (!values["ignore-stdin"]) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}
