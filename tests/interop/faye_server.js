#!/usr/bin/env node
// A faye 1.4.3 Bayeux server (NodeAdapter): a second, independent Bayeux target.
//
//   node faye_server.js [PORT] [MOUNT] [TIMEOUT_S]
//   node faye_server.js --port 0 --mount /bayeux --timeout 5
//
// PORT 0 (the default) takes a free port; MOUNT defaults to /bayeux; TIMEOUT_S is the connect
// hold (faye's `timeout`, default 5 s). Listens on 127.0.0.1 and prints one JSON line
// {"port": N, "mount": "/bayeux", "timeout": 5} once it accepts connections.
// Besides Bayeux (long-polling and websocket on MOUNT) it serves, for test harnesses:
//   POST /publish  {"channel": "/v2/me/emails", "data": {...}}  -> server-side publish, {"published": true}
//   GET  /health   -> {"ok": true}
// faye checks no credentials: any Authorization header or cookie is accepted and ignored.
// Exits on SIGTERM, SIGINT or when its stdin closes (so it never outlives its parent; start it
// with a pipe as stdin, or pass --ignore-stdin to keep it running with stdin at /dev/null).
"use strict";

const http = require("node:http");
const { parseArgs } = require("node:util");
const faye = require("faye");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string" },
    mount: { type: "string" },
    timeout: { type: "string" },
    "ignore-stdin": { type: "boolean", default: false },
  },
});

const port = Number.parseInt(values.port ?? positionals[0] ?? "0", 10);
const mount = values.mount ?? positionals[1] ?? "/bayeux";
const timeout = Number.parseFloat(values.timeout ?? positionals[2] ?? "5");
if (!Number.isInteger(port) || port < 0 || port > 65535 || !mount.startsWith("/") || !(timeout > 0)) {
  process.stderr.write("usage: node faye_server.js [PORT] [MOUNT] [TIMEOUT_S]\n");
  process.exit(2);
}

const bayeux = new faye.NodeAdapter({ mount, timeout });

function json(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

const server = http.createServer((request, response) => {
  // faye's attach() handles MOUNT itself and hands every other request to this listener.
  const path = new URL(request.url, "http://localhost").pathname;
  if (request.method === "GET" && path === "/health") {
    json(response, 200, { ok: true });
    return;
  }
  if (request.method === "POST" && path === "/publish") {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size <= 1_000_000) chunks.push(chunk);
    });
    request.on("end", () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch (error) {
        json(response, 400, { error: `malformed JSON: ${error.message}` });
        return;
      }
      if (!body || typeof body.channel !== "string" || !("data" in body)) {
        json(response, 400, { error: "expected {channel, data}" });
        return;
      }
      bayeux.getClient().publish(body.channel, body.data).then(
        () => json(response, 200, { published: true }),
        (error) => json(response, 500, { error: String(error && error.message || error) }),
      );
    });
    return;
  }
  json(response, 404, { error: "not found" });
});

bayeux.attach(server);

server.on("error", (error) => {
  process.stderr.write(`faye_server: ${error.message}\n`);
  process.exit(1);
});

server.listen(port, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: server.address().port, mount, timeout }) + "\n");
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
