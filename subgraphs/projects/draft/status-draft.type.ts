import { Field, ObjectType } from 'type-graphql';
import { Rag } from '../../common/rag';
import { DateScalar } from '../../common/scalars';
import { HealthReason } from '../health/project-health.type';

@ObjectType({
  description:
    'A status report pre-filled from Jira and ServiceNow for the PM to correct: overall … risks and statusDate map one to one onto StatusReportInput for submitStatusReport.',
})
export class StatusDraft {
  @Field(() => DateScalar, { description: 'Work resolved from this day counts as accomplished: the last report date, else the planned start.' })
  since!: string;

  @Field(() => DateScalar, { description: 'Work due up to this day (today plus the reporting cadence) is a next step.' })
  until!: string;

  @Field(() => DateScalar, { description: 'Today: the statusDate to file with.' })
  statusDate!: string;

  @Field(() => Rag, { description: 'Suggested overall: the computed health (Jira and ServiceNow rules); see reasons.' })
  overall!: Rag;

  @Field(() => Rag, { nullable: true, description: 'Suggested schedule RAG (Jira rules).' })
  schedule!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Suggested scope RAG (Jira rules).' })
  scope!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'The last reported cost RAG (no system measures cost).' })
  cost!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Suggested resources RAG (PMO staffing), else the last reported one.' })
  resources!: Rag | null;

  @Field({ description: 'One sentence with the counts and the suggested overall.' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'Issues resolved since `since`, one line each with its key, newest first.' })
  accomplishments!: string | null;

  @Field(() => String, { nullable: true, description: 'Milestones and issues due by `until`, soonest first.' })
  nextSteps!: string | null;

  @Field(() => String, { nullable: true, description: 'Open P1 incidents, failed changes (ServiceNow) and blocked issues (Jira).' })
  keyIssues!: string | null;

  @Field(() => String, { nullable: true, description: 'The schedule rules that fired, as risks to the plan.' })
  risks!: string | null;

  @Field(() => [HealthReason], { description: 'Why each suggested RAG is what it is.' })
  reasons!: HealthReason[];

  @Field(() => [String], { description: 'Keys of the issues listed as accomplishments (all of them, beyond the text limit).' })
  resolvedIssueKeys!: string[];

  @Field(() => [String], { description: 'Keys of the issues listed as next steps.' })
  dueIssueKeys!: string[];

  @Field(() => [String], { description: 'Keys of the blocked issues listed as key issues.' })
  blockedIssueKeys!: string[];

  @Field(() => [String], { description: 'What the draft could not fill, and why.' })
  notes!: string[];
}
