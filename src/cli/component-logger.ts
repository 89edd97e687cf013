// Logs of the components `kubets up` runs in its process, on stderr, each line naming its
// component. Info lines are dropped unless KUBETS_VERBOSE is set, so that a person sees
// warnings and errors, not the controllers' routine.

import type { Logger } from '../client/logger.js';

export function componentLogger(component: string): Logger {
  const verbose = process.env.KUBETS_VERBOSE !== undefined && process.env.KUBETS_VERBOSE !== '';
  const write = (level: string, message: string, context?: Record<string, unknown>) => {
    const extra = context === undefined ? '' : ` ${JSON.stringify(context, (_k, v: unknown) => (v instanceof Error ? v.message : v))}`;
    process.stderr.write(`kubets ${component}: ${level}: ${message}${extra}\n`);
  };
  return {
    error: (message, context) => write('error', message, context),
    warn: (message, context) => write('warning', message, context),
    info: (message, context) => {
      if (verbose) write('info', message, context);
    },
  };
}
