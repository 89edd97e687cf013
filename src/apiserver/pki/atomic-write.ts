// The PKI's files on disk: written so that readers, and the next start after a crash, see
// either the old content or the complete new one, never a truncated file; read with
// "missing" told apart from "unreadable".
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { PkiFileError } from './errors.js';

/** Writes `data` to a temporary sibling with `mode`, syncs it to disk, and renames it over `file`. */
export function writeAtomically(file: string, data: string, mode: number): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** The file's text, or undefined when it does not exist; other failures name the file. */
export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PkiFileError(file, `cannot be read: ${(error as Error).message}`, { cause: error });
  }
}
