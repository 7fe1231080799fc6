import { ConfigError } from '../../connectors/config';
import { isFieldName } from '../../connectors/servicenow/query';
import { DEFAULT_HEALTH_RULES, parseHealthRules, type HealthRule } from './health/health-rules';

/**
 * The tickets subgraph's settings, read once at start-up. A bad value stops start-up naming the variable.
 *
 * - `TICKETS_PROJECT_LINK_FIELD` (default `correlation_id`): the string field, or dot-walk to one
 *   (`cmdb_ci.u_jira_project`), that holds the Jira project key on a ticket.
 * - `TICKETS_PROJECT_LINK_MATCH` (default `key-or-issue`): `key-or-issue` links a ticket whose field equals the
 *   key (`SOC`) or starts with `KEY-` (an issue key, `SOC-42`); `key` links only an exact key.
 * - `TICKETS_HEALTH_RULES`: the operational-health rules (see health/health-rules.ts for the syntax).
 */

export type LinkMatch = 'key-or-issue' | 'key';

export interface ProjectLinkRule {
  field: string;
  match: LinkMatch;
}

export interface TicketsConfig {
  projectLink: ProjectLinkRule;
  healthRules: readonly HealthRule[];
}

export const DEFAULT_PROJECT_LINK: ProjectLinkRule = { field: 'correlation_id', match: 'key-or-issue' };

const present = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

export function loadTicketsOptions(env: NodeJS.ProcessEnv): TicketsConfig {
  const field = present(env, 'TICKETS_PROJECT_LINK_FIELD') ?? DEFAULT_PROJECT_LINK.field;
  if (!isFieldName(field)) {
    throw new ConfigError(`TICKETS_PROJECT_LINK_FIELD must be a ServiceNow field name such as correlation_id or cmdb_ci.u_project, got "${field}"`);
  }
  const match = present(env, 'TICKETS_PROJECT_LINK_MATCH') ?? DEFAULT_PROJECT_LINK.match;
  if (match !== 'key-or-issue' && match !== 'key') {
    throw new ConfigError(`TICKETS_PROJECT_LINK_MATCH must be key-or-issue or key, got "${match}"`);
  }
  const rawRules = present(env, 'TICKETS_HEALTH_RULES');
  let healthRules = DEFAULT_HEALTH_RULES;
  if (rawRules !== undefined) {
    try {
      healthRules = parseHealthRules(rawRules);
    } catch (error) {
      throw new ConfigError(`TICKETS_HEALTH_RULES: ${(error as Error).message}`);
    }
  }
  return { projectLink: { field, match }, healthRules };
}
