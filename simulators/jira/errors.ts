import type { SimResponse } from '../common/server';

/** Jira's error envelope: `{errorMessages: string[], errors: {field: message}}`; a 429 also carries `status`. */
export function jiraError(status: number, messages: string | readonly string[], errors: Record<string, string> = {}): SimResponse {
  const errorMessages = typeof messages === 'string' ? [messages] : [...messages];
  return { status, body: status === 429 ? { errorMessages, errors, status } : { errorMessages, errors } };
}

/** What Jira Cloud answers on the search endpoints removed by CHANGE-2046. */
export const SEARCH_REMOVED_MESSAGE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

export const UNAUTHENTICATED_MESSAGE = 'Client must be authenticated to access this resource.';

export const projectNotFound = (idOrKey: string): SimResponse => jiraError(404, `No project could be found with key '${idOrKey}'.`);
