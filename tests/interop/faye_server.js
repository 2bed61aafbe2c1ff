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
const faye = require("faye");
const { options, serve, PORT, mountOption, secondsOption } = require("./launcher.js");

const chosen = options("node faye_server.js [PORT] [MOUNT] [TIMEOUT_S]", [PORT, mountOption("/bayeux"), secondsOption("timeout", "5")]);
const { mount, timeout } = chosen;

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

serve("faye_server", server, bayeux, chosen, { mount, timeout });
