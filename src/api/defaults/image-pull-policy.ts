// The default image pull policy: `Always` when the image names the `latest` tag, either
// explicitly or by naming neither a tag nor a digest; `IfNotPresent` otherwise, including
// for references that do not parse (upstream ignores the parse error here and leaves the
// reference to validation and the kubelet).

// The container image reference grammar (distribution/reference), anchored. Path
// components are lower-case only, which is upstream's "repository name must be lowercase".
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_MAX_LENGTH = 255;
/** A bare 64-hex-digit name is refused as ambiguous with an image ID. */
const IMAGE_ID = /^[a-f0-9]{64}$/;
/** The digest algorithms a reference may name, with the hex length of each. */
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([['sha256', 64], ['sha384', 96], ['sha512', 128]]);

/** The tag an image reference pulls: its tag, `latest` when it has neither tag nor digest, '' when unparsable. */
export function imageTag(image: string): string {
  const match = REFERENCE.exec(image);
  if (match === null) return '';
  const [, name = '', tag, digest] = match;
  if (name.length > NAME_MAX_LENGTH || IMAGE_ID.test(name)) return '';
  if (digest !== undefined && !isValidDigest(digest)) return '';
  if (tag !== undefined) return tag;
  return digest === undefined ? 'latest' : '';
}

function isValidDigest(digest: string): boolean {
  const [algorithm = '', hex = ''] = digest.split(':');
  return DIGEST_HEX_LENGTH.get(algorithm) === hex.length && /^[a-f0-9]+$/.test(hex);
}

/** `Always` for the `latest` tag, `IfNotPresent` for anything else. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
