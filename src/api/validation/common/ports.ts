// Ports and protocols, shared by containers, services, endpoints and network policies.

import { internalError, invalid, notSupported, required, type FieldErrorList, type FieldPath } from '../../../machinery/field-errors.js';
import { isValidPortName, isValidPortNum } from '../../../machinery/name-validation.js';

/** The protocols a port may use, in upstream's (sorted) order. */
export const SUPPORTED_PORT_PROTOCOLS: readonly string[] = ['SCTP', 'TCP', 'UDP'];

/** A port given as a number (1–65535) or an IANA service name (upstream's ValidatePortNumOrName). */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldErrorList {
  // An unset IntOrString is Go's zero value: the integer 0.
  if (port === undefined || port === null) return validatePortNumber(0, path);
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  if (typeof port === 'string') return isValidPortName(port).map((msg) => invalid(path, port, msg));
  return [internalError(path, `unknown type: ${JSON.stringify(port)}`)];
}

/** A port number 1–65535. */
export function validatePortNumber(port: number, path: FieldPath): FieldErrorList {
  return isValidPortNum(port).map((msg) => invalid(path, port, msg));
}

/** Required, and one of TCP, UDP, SCTP. */
export function validateProtocol(protocol: string, path: FieldPath): FieldErrorList {
  if (protocol === '') return [required(path)];
  return SUPPORTED_PORT_PROTOCOLS.includes(protocol) ? [] : [notSupported(path, protocol, SUPPORTED_PORT_PROTOCOLS)];
}
