// The static token file of `--token-auth-file`, in upstream's format: CSV records
// `token,user,uid[,"group1,group2"]`. The CSV dialect is Go's encoding/csv (which upstream
// reads it with): quoted fields with "" for a quote, no trimming, blank lines skipped.
import { readFileSync } from 'node:fs';
import type { AuthenticatedUser } from './client-certificate-user.js';
import { TokenFileError } from './errors.js';

/** The users of a token file, by token, and what was odd but allowed in it. */
export interface TokenFile {
  readonly users: ReadonlyMap<string, AuthenticatedUser>;
  /** Records skipped for an empty token, and tokens given twice (the later record wins). */
  readonly warnings: readonly string[];
}

/** Reads and parses the token file at `file`; TokenFileError when it cannot be read or parsed. */
export function loadTokenFile(file: string): TokenFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TokenFileError(file, undefined, `cannot be read: ${(error as Error).message}`, { cause: error });
  }
  return parseTokenFile(text, file);
}

/** Parses token file content; `file` names it in errors and warnings. */
export function parseTokenFile(text: string, file: string): TokenFile {
  const users = new Map<string, AuthenticatedUser>();
  const warnings: string[] = [];
  for (const { fields, line } of csvRecords(text, file)) {
    const [token, name, uid, groups] = fields;
    if (token === undefined || name === undefined || uid === undefined) {
      throw new TokenFileError(file, line, `must have at least 3 columns (token, user name, user uid), found ${fields.length}`);
    }
    if (token === '') {
      warnings.push(`token file ${file}, line ${line}: empty token, record skipped`);
      continue;
    }
    if (users.has(token)) warnings.push(`token file ${file}, line ${line}: duplicate token, this record replaces the earlier one`);
    users.set(token, { name, uid, groups: groups === undefined ? [] : groups.split(',') });
  }
  return { users, warnings };
}

/** One CSV record and the line it starts on (1-based). */
interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

function* csvRecords(text: string, file: string): Generator<CsvRecord> {
  const input = text.replace(/\r\n/g, '\n');
  let line = 1;
  let i = 0;
  while (i < input.length) {
    if (input[i] === '\n') {
      line++;
      i++;
      continue; // blank line
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      const field = input[i] === '"' ? readQuoted(input, i, file, start) : readBare(input, i, file, line);
      fields.push(field.value);
      line += field.newlines;
      i = field.end;
      if (input[i] === ',') {
        i++;
        continue;
      }
      if (input[i] === '\n') {
        line++;
        i++;
      }
      break;
    }
    yield { fields, line: start };
  }
}

interface Field {
  readonly value: string;
  /** Index just after the field. */
  readonly end: number;
  /** Line breaks inside the field (quoted fields may span lines). */
  readonly newlines: number;
}

function readBare(input: string, from: number, file: string, line: number): Field {
  let end = from;
  while (end < input.length && input[end] !== ',' && input[end] !== '\n') end++;
  const value = input.slice(from, end);
  if (value.includes('"')) throw new TokenFileError(file, line, 'bare " in a field that is not quoted');
  return { value, end, newlines: 0 };
}

function readQuoted(input: string, from: number, file: string, line: number): Field {
  let value = '';
  let newlines = 0;
  for (let i = from + 1; i < input.length; i++) {
    const c = input[i];
    if (c !== '"') {
      if (c === '\n') newlines++;
      value += c;
    } else if (input[i + 1] === '"') {
      value += '"';
      i++;
    } else {
      const next = input[i + 1];
      if (next !== undefined && next !== ',' && next !== '\n') {
        throw new TokenFileError(file, line + newlines, 'extraneous " in a quoted field');
      }
      return { value, end: i + 1, newlines };
    }
  }
  throw new TokenFileError(file, line, 'quoted field is never closed');
}
