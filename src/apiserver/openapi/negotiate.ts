// Which form of an OpenAPI document a request gets, by upstream's rule (kube-openapi's
// handlers): the first Accept clause, best first, that names a form this server has.
// No Accept header means `*/*`. Nothing acceptable is a 406.

import { accepts, parseAccept } from '../discovery/accept-header.js';

/** What the v2 protobuf form is sent as; clients may ask for it under either spelling. */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
/** The spelling client-go uses in Accept. */
const OPENAPI_V2_PROTOBUF_DEPRECATED = 'com.github.proto-openapi.spec.v2@v1.0+protobuf';

export type OpenAPIV2Form = 'json' | 'protobuf';

const V2_FORMS: readonly (readonly [string, OpenAPIV2Form])[] = [
  ['json', 'json'],
  [OPENAPI_V2_PROTOBUF_DEPRECATED, 'protobuf'],
  ['com.github.proto-openapi.spec.v2.v1.0+protobuf', 'protobuf'],
];

/** The form of `/openapi/v2` to send, or undefined for 406. */
export function negotiateOpenAPIV2(acceptHeader: string | undefined): OpenAPIV2Form | undefined {
  for (const clause of parseAccept(acceptHeader || '*/*')) {
    for (const [subtype, form] of V2_FORMS) {
      if (accepts(clause, 'application', subtype)) return form;
    }
  }
  return undefined;
}

/**
 * Whether `/openapi/v3/…` can be answered: only the JSON form is served (client-go reads
 * JSON; the v3 protobuf form is not implemented), so a client that accepts nothing else
 * gets 406.
 */
export function acceptsOpenAPIV3Json(acceptHeader: string | undefined): boolean {
  return parseAccept(acceptHeader || '*/*').some((clause) => accepts(clause, 'application', 'json'));
}
