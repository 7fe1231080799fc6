/**
 * Which Jira the connector talks to. Cloud serves REST v3 (rich text as ADF, users by accountId, enhanced
 * search with nextPageToken); Data Center serves only REST v2 (rich text as wiki markup, users by user key,
 * `/search` with startAt/total). Every path the connector builds goes through `apiBase`.
 */
export type JiraDeployment = 'cloud' | 'datacenter';

export const JIRA_DEPLOYMENTS: readonly JiraDeployment[] = ['cloud', 'datacenter'];

export function apiBase(deployment: JiraDeployment): string {
  return deployment === 'cloud' ? '/rest/api/3' : '/rest/api/2';
}
