import { ConfigError } from '../../../connectors/config';
import type { IntakeStore } from '../../../connectors/jira/proposals.models';
import { loadCriteria, type IntakeCriteria } from './criteria';

/** Intake settings, read once at start-up. */
export interface IntakeOptions {
  /** PROJECTS_INTAKE_PROJECT_KEY (default INTAKE) and PROJECTS_INTAKE_ISSUE_TYPE (default Task). */
  store: IntakeStore;
  /** The published criteria (PROJECTS_INTAKE_CRITERIA overrides the default). */
  criteria: IntakeCriteria;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,254}$/;

export function loadIntakeOptions(env: NodeJS.ProcessEnv, pmoProjectKey: string): IntakeOptions {
  const key = (env.PROJECTS_INTAKE_PROJECT_KEY || 'INTAKE').trim().toUpperCase();
  if (!PROJECT_KEY.test(key)) throw new ConfigError(`PROJECTS_INTAKE_PROJECT_KEY must be a Jira project key (e.g. INTAKE), got "${env.PROJECTS_INTAKE_PROJECT_KEY}"`);
  if (key === pmoProjectKey) throw new ConfigError(`PROJECTS_INTAKE_PROJECT_KEY must differ from PROJECTS_PMO_PROJECT_KEY (both are ${key})`);
  return {
    store: { projectKey: key, issueType: (env.PROJECTS_INTAKE_ISSUE_TYPE || 'Task').trim() },
    criteria: loadCriteria(env),
  };
}
