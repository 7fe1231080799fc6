import { registerEnumType } from 'type-graphql';
import type { StatusCategory as JiraStatusCategory } from '../../../connectors/jira/models';

export enum StatusCategory {
  TO_DO = 'TO_DO',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  UNDEFINED = 'UNDEFINED',
}

registerEnumType(StatusCategory, {
  name: 'StatusCategory',
  description: "Jira's workflow-independent status category (mapped from its key, not its localised name).",
  valuesConfig: {
    TO_DO: { description: 'Not started (Jira key new).' },
    IN_PROGRESS: { description: 'Started (Jira key indeterminate).' },
    DONE: { description: 'Done (Jira key done).' },
    UNDEFINED: { description: 'No category (Jira key undefined) or one this graph does not know.' },
  },
});

const BY_KEY: Record<JiraStatusCategory, StatusCategory> = {
  new: StatusCategory.TO_DO,
  indeterminate: StatusCategory.IN_PROGRESS,
  done: StatusCategory.DONE,
  undefined: StatusCategory.UNDEFINED,
};

export const statusCategoryOf = (key: JiraStatusCategory): StatusCategory => BY_KEY[key] ?? StatusCategory.UNDEFINED;
