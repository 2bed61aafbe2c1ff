// What faye_server.js and cometd_server.js share: their command line and their lifecycle
// (listen on 127.0.0.1, announce the port as one JSON line, stop on SIGTERM, SIGINT or when
// stdin closes, so that a peer never outlives the test that started it).
"use strict";

const { parseArgs } = require("node:util");

// Options in positional order; each {name, fallback, valid}. Exits 2 with `usage` on bad input.
function options(usage, specs) {
  const fail = () => {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        ...Object.fromEntries(specs.map((spec) => [spec.name, { type: "string" }])),
        "ignore-stdin": { type: "boolean", default: false },
      },
    });
  } catch {
    fail();
  }
  const { values, positionals } = parsed;
  const chosen = { ignoreStdin: values["ignore-stdin"] };
  specs.forEach((spec, index) => {
    const text = values[spec.name] ?? positionals[index] ?? spec.fallback;
    const value = spec.parse(text);
    if (!spec.valid(value)) fail();
    chosen[spec.name] = value;
  });
  return chosen;
}

const PORT = { name: "port", fallback: "0", parse: (t) => Number.parseInt(t, 10), valid: (p) => Number.isInteger(p) && p >= 0 && p <= 65535 };
const mountOption = (fallback) => ({ name: "mount", fallback, parse: (t) => t, valid: (m) => m.startsWith("/") });
const secondsOption = (name, fallback) => ({ name, fallback, parse: Number.parseFloat, valid: (s) => s > 0 });

// Listen, print `announcement` with the port taken, and stop cleanly on a signal or stdin's end.
function serve(name, server, bayeux, { port, ignoreStdin }, announcement) {
  server.on("error", (error) => {
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exit(1);
  });
  server.listen(port, "127.0.0.1", () => {
    process.stdout.write(JSON.stringify({ port: server.address().port, ...announcement }) + "\n");
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
  if (!ignoreStdin) {
    process.stdin.on("end", stop);
    process.stdin.on("close", stop);
    process.stdin.on("error", stop);
    process.stdin.resume();
  }
}

module.exports = { options, serve, PORT, mountOption, secondsOption };
