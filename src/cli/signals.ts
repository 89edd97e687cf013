// Waiting for SIGINT/SIGTERM and shutting down once; a second signal exits at once.

export function runUntilSignal(shutdown: (signal: string) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`kubets: ${signal} again, exiting now`);
        process.exit(1);
      }
      stopping = true;
      shutdown(signal).then(resolve, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
