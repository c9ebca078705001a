// Starts the local SQS emulator (fauxqs, pinned in package.json) on a free loopback-reachable port,
// optionally creating queues, and prints one line "FAUXQS_PORT=<port>" once it answers.
// Usage: node scripts/emulator.mjs [--port N] [--fifo NAME]... [--standard NAME]...
// It stops on SIGINT/SIGTERM or when its standard input closes (so a parent that dies takes it along
// when it passes a pipe as stdin).
import { startFauxqs } from "fauxqs";

const args = process.argv.slice(2);
let port = 0;
const queues = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const value = args[++i];
  if (value === undefined) {
    console.error(`emulator: ${arg} needs a value`);
    process.exit(2);
  }
  if (arg === "--port") port = Number(value);
  else if (arg === "--fifo") queues.push({ name: value, attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } });
  else if (arg === "--standard") queues.push({ name: value });
  else {
    console.error(`emulator: unknown option ${arg}`);
    process.exit(2);
  }
}

const server = await startFauxqs({ port, logger: process.env.FAUXQS_LOGGER === "true", init: { queues } });
console.log(`FAUXQS_PORT=${server.port}`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (process.env.EMULATOR_STOP_ON_STDIN_EOF === "1") {
  process.stdin.on("end", stop);
  process.stdin.resume();
}
