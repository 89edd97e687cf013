// Name generation for `metadata.generateName` (upstream's SimpleNameGenerator): the base,
// cut to 58 bytes so that the result stays within 63, plus five random characters from
// an alphabet without vowels (no accidental words) and without easily confused
// characters (0/o, 1/l, 3/e).

import { randomInt } from 'node:crypto';

/** The characters of a generated suffix, as upstream's util/rand. */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** Length of the random suffix. */
export const NAME_SUFFIX_LENGTH = 5;
/** Longest base kept: 63 (a DNS label) minus the suffix. */
export const MAX_GENERATED_NAME_BASE_LENGTH = 63 - NAME_SUFFIX_LENGTH;

/** Returns a uniformly random integer in [0, n). */
export type RandomInt = (n: number) => number;

/** `length` random characters from NAME_SUFFIX_ALPHABET. */
export function randomNameSuffix(length = NAME_SUFFIX_LENGTH, random: RandomInt = randomInt): string {
  let out = '';
  for (let i = 0; i < length; i++) out += NAME_SUFFIX_ALPHABET[random(NAME_SUFFIX_ALPHABET.length)];
  return out;
}

/**
 * A name for an object created with `generateName: base`. Upstream cuts the base by bytes;
 * a valid base is ASCII (a DNS name), for which bytes and characters are the same.
 * `random` is injectable so that tests can pin the result.
 */
export function generateObjectName(base: string, random: RandomInt = randomInt): string {
  return base.slice(0, MAX_GENERATED_NAME_BASE_LENGTH) + randomNameSuffix(NAME_SUFFIX_LENGTH, random);
}
