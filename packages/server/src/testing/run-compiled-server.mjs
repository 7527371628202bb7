// The compiled server as `npm start` runs it (bin/rumbo-server.js), without
// the build check: the tests and benchmarks that start it build it first.
const { runServer } = await import("../../dist/server.js");
await runServer();
