// The one way a printer fails: where upstream's printer returns an error, the whole
// Table request fails, and kubets' printers throw this.

/** Thrown when upstream's printer fails on an object (the whole Table request fails). */
export class TablePrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TablePrintError';
  }
}
