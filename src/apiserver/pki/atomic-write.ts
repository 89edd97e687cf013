// Writes a file so that readers, and the next start after a crash, see either the old
// content or the complete new one, never a truncated file.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

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
