// For the servers bench/run.ts starts: stop when asked (SIGTERM, SIGINT) and also when
// the parent is gone (its end of our stdin closes), so no server outlives a benchmark.
export function exitWithParent(cleanup: () => Promise<void>, graceMs = 5_000): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => process.exit(0), graceMs);
    forced.unref();
    cleanup()
      .catch(() => {})
      .finally(() => process.exit(0));
  };
  // While stopping, connections to PostgreSQL may drop under us (Ctrl+C reaches it too).
  // The signal may be handled just after the dropped connection's error, so wait a moment
  // before deciding which it was.
  process.on('uncaughtException', (error) => {
    setTimeout(() => {
      if (stopping) return;
      process.stderr.write(`${error.stack ?? String(error)}\n`);
      process.exit(1);
    }, 200);
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
