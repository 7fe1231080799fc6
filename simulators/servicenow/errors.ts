import type { SimResponse } from '../common/server';

/** The Table API's error envelope, used for every failure: `{"error":{"message","detail"},"status":"failure"}`. */
export function snowError(status: number, message: string, detail: string | null = null): SimResponse {
  return { status, body: { error: { message, detail }, status: 'failure' } };
}

export const invalidTable = (name: string): SimResponse => snowError(400, `Invalid table ${name}`);
