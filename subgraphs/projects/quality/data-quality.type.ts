import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DataQualityCheck {
  NO_LEAD = 'NO_LEAD',
  LEAD_NOT_IN_DIRECTORY = 'LEAD_NOT_IN_DIRECTORY',
  NO_SPONSOR = 'NO_SPONSOR',
  NO_PLANNED_DATES = 'NO_PLANNED_DATES',
  PAST_PLANNED_END = 'PAST_PLANNED_END',
  NO_TEAM = 'NO_TEAM',
  NO_MILESTONES = 'NO_MILESTONES',
  NO_REPORT = 'NO_REPORT',
  STALE_REPORT = 'STALE_REPORT',
}
registerEnumType(DataQualityCheck, {
  name: 'DataQualityCheck',
  description: 'A metadata check the PMO needs every active project to pass (closed projects are not checked).',
  valuesConfig: {
    NO_LEAD: { description: 'Jira has no project lead (or hides their email).' },
    LEAD_NOT_IN_DIRECTORY: { description: 'The lead is not an active person in the HR directory (former staff).' },
    NO_SPONSOR: { description: 'No executive sponsor in the PMO profile.' },
    NO_PLANNED_DATES: { description: 'No planned start or no planned end.' },
    PAST_PLANNED_END: { description: 'The planned end has passed and the project is not closing.' },
    NO_TEAM: { description: 'No team recorded in the PMO profile.' },
    NO_MILESTONES: { description: 'No unarchived Jira version.' },
    NO_REPORT: { description: 'No status report ever filed.' },
    STALE_REPORT: { description: 'The latest status report is older than the cadence.' },
  },
});

@ObjectType({ description: "What a project's metadata lacks for the PMO." })
export class ProjectDataQuality {
  @Field(() => [DataQualityCheck], { description: 'The checks it fails, in check order; empty when clean.' })
  failing!: DataQualityCheck[];

  @Field(() => Int, { description: 'Checks passed out of those applied, as a percentage (100 when clean).' })
  score!: number;
}
