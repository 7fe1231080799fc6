import { booleanSetting } from '../../connectors/config';

/** The people subgraph's settings, read and validated once at start-up. */
export interface PeopleOptions {
  /**
   * Whether the fields tagged `sensitive` (employeeNumber, phone, costCenter) resolve. Until the gateway's
   * authorization decides per caller, this is one switch for the whole deployment.
   */
  exposeSensitiveFields: boolean;
}

/**
 * `PEOPLE_EXPOSE_SENSITIVE` defaults to on only over the simulator (`demo`), whose data is invented; against a
 * real directory sensitive fields stay hidden unless the deployment opts in.
 */
export function loadPeopleOptions(env: NodeJS.ProcessEnv, { demo }: { demo: boolean }): PeopleOptions {
  return { exposeSensitiveFields: booleanSetting('PEOPLE_EXPOSE_SENSITIVE', env, demo) };
}
