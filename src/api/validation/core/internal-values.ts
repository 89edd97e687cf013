// Some upstream messages print a value of an internal (untagged) Go struct, which
// encodes to JSON with Go's field names, in declaration order, zero values included
// (`{"Name":"","Protocol":"TCP",...}`). These build such values from v1 JSON so that
// kubets prints them the same. Only the structs that users commonly meet in messages
// are covered; elsewhere kubets prints the v1 JSON of the value.

import { compareGoStrings } from '../../../machinery/go-format.js';
import { optStr, str, type Json } from '../common/json.js';

/** core.ServicePort with only Protocol and Port set: the key of duplicate-port errors. */
export function servicePortKey(protocol: string, port: number): Record<string, unknown> {
  return { Name: '', Protocol: protocol, AppProtocol: null, Port: port, TargetPort: 0, NodePort: 0 };
}

/** core.PodIP / core.HostIP. */
export function ipValue(ip: Json): Record<string, unknown> {
  return { IP: str(ip, 'ip') };
}

/** core.Taint. */
export function taintValue(t: Json): Record<string, unknown> {
  return { Key: str(t, 'key'), Value: str(t, 'value'), Effect: str(t, 'effect'), TimeAdded: optStr(t, 'timeAdded') ?? null };
}

/** core.NodeAddress. */
export function nodeAddressValue(a: Json): Record<string, unknown> {
  return { Type: str(a, 'type'), Address: str(a, 'address') };
}

/** core.LocalObjectReference as it was given (every key, Go-cased). */
export function localObjectReferenceValue(ref: Json): Record<string, unknown> {
  const out: Record<string, unknown> = { Name: str(ref, 'name') };
  for (const [k, v] of Object.entries(ref)) if (k !== 'name') out[k.charAt(0).toUpperCase() + k.slice(1)] = v;
  return out;
}

/** A Go map as encoding/json prints it: keys in byte order; null for a nil map. */
export function goMap(m: Json | undefined): Record<string, unknown> | null {
  if (m === undefined) return null;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(m).sort(compareGoStrings)) out[key] = m[key];
  return out;
}
