import type { SimResponse } from '../common/server';
import { SCHEMAS, SCIM_CONTENT_TYPE } from './resource';

/** RFC 7644 §3.12 error types the simulator produces. */
export type ScimType = 'invalidFilter' | 'invalidValue' | 'invalidSyntax' | 'tooMany';

/** Thrown by request handling; index.ts turns it into the SCIM error body. */
export class ScimError extends Error {
  override readonly name = 'ScimError';

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

/** `status` is a string on the wire (RFC 7644 §3.12). */
export function scimErrorResponse(status: number, detail: string, scimType?: ScimType, headers?: Record<string, string>): SimResponse {
  return {
    status,
    contentType: SCIM_CONTENT_TYPE,
    headers,
    body: { schemas: [SCHEMAS.error], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}
