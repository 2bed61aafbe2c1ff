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
const cometd = require("cometd-nodejs-server");
const { options, serve, PORT, mountOption, secondsOption } = require("./launcher.js");

const chosen = options("node cometd_server.js [PORT] [MOUNT] [TIMEOUT_S] [MAX_INTERVAL_S]", [
  PORT,
  mountOption("/cometd"),
  secondsOption("timeout", "5"),
  secondsOption("max-interval", "10"),
]);
const { mount, timeout } = chosen;
const maxInterval = chosen["max-interval"];

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

serve("cometd_server", server, bayeux, chosen, { mount, timeout, maxInterval });
