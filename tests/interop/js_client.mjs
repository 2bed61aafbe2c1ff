#!/usr/bin/env node
// One CLI for two third-party Bayeux clients: faye 1.4.3 and the CometD JS client 9.0.0.
//
//   node js_client.mjs --client faye|cometd --url URL --transport long-polling|websocket
//        --channel CH --user U --password P [--count N] [--timeout S]
//
// Prints JSON lines on stdout:
//   {"event":"handshake","successful":true}              each handshake reply (re-handshakes too)
//   {"event":"connect","connectionType":"websocket"}     the first connect sent on each transport
//   {"event":"subscribed","channel":CH}                  each successful subscribe (re-subscribes too)
//   {"event":"message","channel":...,"data":...}         each message received on CH
//   {"event":"error","message":...}                      a failure the client reported
//   {"event":"done","received":N} or {"event":"timeout","received":N}   last line
// Exit code 0 after --count messages (default 1), 1 on --timeout (default 15 s) or error.
//
// Authentication: HTTP Basic on every request. faye sends its headers (client.setHeader) on
// the HTTP requests and on the WebSocket upgrade. The CometD client sends `requestHeaders` on
// HTTP only; for the WebSocket upgrade this script installs a `ws` subclass as the global
// WebSocket that adds the same Authorization header.

import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    client: { type: "string" },
    url: { type: "string" },
    transport: { type: "string", default: "long-polling" },
    channel: { type: "string", default: "/v2/me/emails" },
    user: { type: "string" },
    password: { type: "string" },
    count: { type: "string", default: "1" },
    timeout: { type: "string", default: "15" },
  },
});

for (const required of ["client", "url", "user", "password"]) {
  if (!args[required]) {
    process.stderr.write(`missing --${required}\n`);
    process.exit(2);
  }
}
if (!["long-polling", "websocket"].includes(args.transport)) {
  process.stderr.write(`--transport must be long-polling or websocket\n`);
  process.exit(2);
}

const wanted = Number.parseInt(args.count, 10);
const authorization = "Basic " + Buffer.from(`${args.user}:${args.password}`).toString("base64");
let received = 0;
let finished = false;
let silenced = false;
let stop = async () => {};
const seenTypes = new Set();

function emit(record) {
  if (silenced) return;
  process.stdout.write(JSON.stringify(record) + "\n");
}

async function finish(record, code) {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  emit(record);
  silenced = true;
  try {
    await Promise.race([stop(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  } catch {
    // best effort
  }
  process.exit(code);
}

const timer = setTimeout(
  () => finish({ event: "timeout", received }, 1),
  Number.parseFloat(args.timeout) * 1000,
);

function onMessage(channel, data) {
  received += 1;
  emit({ event: "message", channel, data });
  if (received >= wanted) finish({ event: "done", received }, 0);
}

function onConnectSent(message) {
  if (message.channel === "/meta/connect" && message.connectionType && !seenTypes.has(message.connectionType)) {
    seenTypes.add(message.connectionType);
    emit({ event: "connect", connectionType: message.connectionType });
  }
}

async function runFaye() {
  const faye = (await import("faye")).default;
  const client = new faye.Client(args.url, { timeout: 30, retry: 1 });
  client.setHeader("Authorization", authorization);
  if (args.transport === "long-polling") {
    client.disable("websocket");
  }
  client.disable("autodisconnect");
  client.addExtension({
    outgoing(message, callback) {
      onConnectSent(message);
      callback(message);
    },
    incoming(message, callback) {
      if (message.channel === "/meta/handshake") {
        emit({ event: "handshake", successful: !!message.successful });
        if (!message.successful) emit({ event: "error", message: message.error || "handshake failed" });
      } else if (message.channel === "/meta/subscribe") {
        // faye re-subscribes by itself after a re-handshake; report every success.
        if (message.successful) emit({ event: "subscribed", channel: args.channel });
        else emit({ event: "error", message: message.error || "subscribe failed" });
      }
      callback(message);
    },
  });
  client.on("transport:down", () => emit({ event: "transport", state: "down" }));
  const subscription = client.subscribe(args.channel).withChannel((channel, data) => onMessage(channel, data));
  subscription.errback((error) => emit({ event: "error", message: String(error && error.message || error) }));
  stop = () => new Promise((resolve) => {
    client.disconnect();
    setTimeout(resolve, 100);
  });
}

async function runCometd() {
  const { adapt } = await import("cometd-nodejs-client");
  adapt();
  const ws = await import("ws");
  // CometD opens `new window.WebSocket(url[, protocol])`: add the credentials to the upgrade.
  globalThis.window.WebSocket = class extends ws.WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { headers: { Authorization: authorization } });
    }
  };
  const { CometD } = await import("cometd");
  const cometd = new CometD();
  if (args.transport === "long-polling") {
    cometd.unregisterTransport("websocket");
  }
  cometd.unregisterTransport("callback-polling");
  if (args.transport === "websocket") {
    cometd.unregisterTransport("long-polling");
  }
  cometd.configure({ url: args.url, requestHeaders: { Authorization: authorization }, logLevel: "warn" });
  cometd.registerExtension("observer", {
    outgoing(message) {
      onConnectSent(message);
      return message;
    },
  });
  let subscription = null;
  cometd.addListener("/meta/handshake", (reply) => {
    emit({ event: "handshake", successful: !!reply.successful });
    if (!reply.successful) {
      emit({ event: "error", message: reply.error || (reply.failure && String(reply.failure.reason)) || "handshake failed" });
      return;
    }
    // A handshake clears the client's subscriptions: subscribe again after each one.
    subscription = cometd.subscribe(
      args.channel,
      (message) => onMessage(message.channel, message.data),
      (subscribeReply) => {
        if (subscribeReply.successful) emit({ event: "subscribed", channel: args.channel });
        else emit({ event: "error", message: subscribeReply.error || "subscribe failed" });
      },
    );
  });
  cometd.handshake();
  stop = () => new Promise((resolve) => {
    if (subscription) subscription = null;
    cometd.disconnect(() => resolve());
  });
}

try {
  if (args.client === "faye") await runFaye();
  else if (args.client === "cometd") await runCometd();
  else {
    process.stderr.write("--client must be faye or cometd\n");
    process.exit(2);
  }
} catch (error) {
  await finish({ event: "error", message: String(error && error.stack || error) }, 1);
}
