// Preloaded into the app by process.test.ts (NODE_OPTIONS=--require): on SIGUSR2 it throws
// from a timer and rejects a promise nobody waits on, as a bug would, so the test can see
// the process-level guards log both and keep the app serving.
process.on("SIGUSR2", () => {
  setImmediate(() => {
    throw new Error("deliberate uncaught exception");
  });
  void Promise.reject(new Error("deliberate unhandled rejection"));
});
