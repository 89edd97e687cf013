// Where the client reports what it cannot throw: a handler that threw, a watch that
// broke and is being resumed, an event that could not be written. Components pass their
// own logger; the default writes warnings and errors to stderr.

/** Receives the client's log lines. Implementations must not throw. */
export interface Logger {
  error(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
}

function line(level: string, message: string, context?: Record<string, unknown>): string {
  const extra = context === undefined ? '' : ` ${JSON.stringify(context, (_k, v: unknown) => (v instanceof Error ? (v.stack ?? v.message) : v))}`;
  return `${new Date().toISOString()} ${level} ${message}${extra}\n`;
}

/** Warnings and errors to stderr; info dropped. */
export const stderrLogger: Logger = {
  error: (message, context) => process.stderr.write(line('E', message, context)),
  warn: (message, context) => process.stderr.write(line('W', message, context)),
  info: () => {},
};

/** Drops everything. */
export const silentLogger: Logger = { error: () => {}, warn: () => {}, info: () => {} };
