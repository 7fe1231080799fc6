/**
 * The credentials the simulators accept and `npm start` hands to the connectors when an upstream is not
 * configured. They guard nothing real; they exist so the connectors' auth code runs exactly as it would
 * against Jira, ServiceNow and the directory.
 */
export const SIMULATOR_CREDENTIALS = {
  jira: { email: 'pmo-graph@northfield.edu', apiToken: 'demo-jira-api-token', pat: 'demo-jira-pat', webhookSecret: 'demo-jira-webhook-secret' },
  servicenow: { username: 'pmo.graph', password: 'demo-servicenow-password', token: 'demo-servicenow-token', webhookSecret: 'demo-servicenow-webhook-secret' },
  scim: { token: 'demo-scim-token' },
  msgraph: { token: 'demo-msgraph-token' },
} as const;
