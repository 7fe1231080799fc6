import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { JiraStatusReport } from '../../../connectors/jira/models';
import { Rag } from '../../common/rag';
import { DateScalar, DateTimeScalar } from '../../common/scalars';

@ObjectType({ description: "A project status report, filed in Jira (one issue per report in the PMO reports project)." })
export class StatusReport {
  @Field(() => ID, { description: 'The report issue key in Jira, e.g. PMO-42.' })
  id!: string;

  @Field(() => DateScalar, { description: 'The day the status describes.' })
  statusDate!: string;

  @Field(() => DateTimeScalar, { description: 'When the report was filed.' })
  submittedAt!: string;

  @Field(() => Rag, { description: 'Overall RAG.' })
  overall!: Rag;

  @Field(() => Rag, { nullable: true, description: 'Schedule RAG; null when not rated.' })
  schedule!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Cost RAG; null when not rated.' })
  cost!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Scope RAG; null when not rated.' })
  scope!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Resources RAG; null when not rated.' })
  resources!: Rag | null;

  @Field({ description: 'The summary, plain text.' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'What was achieved since the last report.' })
  accomplishments!: string | null;

  @Field(() => String, { nullable: true, description: 'What comes next.' })
  nextSteps!: string | null;

  @Field(() => String, { nullable: true, description: 'Issues that need attention.' })
  keyIssues!: string | null;

  @Field(() => String, { nullable: true, description: 'Risks to delivery.' })
  risks!: string | null;

  @Field({ description: 'The report issue in the Jira UI.' })
  url!: string;

  /** The author's email, for the `author` field resolver. */
  authorEmail!: string | null;
}

export function toStatusReport(report: JiraStatusReport): StatusReport {
  return Object.assign(new StatusReport(), {
    id: report.id,
    statusDate: report.statusDate,
    submittedAt: report.created,
    overall: report.overall as Rag,
    schedule: report.schedule as Rag | null,
    cost: report.cost as Rag | null,
    scope: report.scope as Rag | null,
    resources: report.resources as Rag | null,
    summary: report.summary,
    accomplishments: report.accomplishments,
    nextSteps: report.nextSteps,
    keyIssues: report.keyIssues,
    risks: report.risks,
    url: report.url,
    authorEmail: report.authorEmail,
  });
}

@InputType({ description: 'A status report. overall and summary are required; texts are plain text.' })
export class StatusReportInput {
  @Field(() => Rag, { description: 'Overall RAG (required).' })
  overall!: Rag;

  @Field(() => Rag, { nullable: true, description: 'Schedule RAG; null when not rated.' })
  schedule?: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Cost RAG; null when not rated.' })
  cost?: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Scope RAG; null when not rated.' })
  scope?: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Resources RAG; null when not rated.' })
  resources?: Rag | null;

  @Field({ description: 'At most 2000 characters.' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'At most 4000 characters (as are nextSteps, keyIssues, risks).' })
  accomplishments?: string | null;

  @Field(() => String, { nullable: true, description: 'What comes next.' })
  nextSteps?: string | null;

  @Field(() => String, { nullable: true, description: 'Issues that need attention.' })
  keyIssues?: string | null;

  @Field(() => String, { nullable: true, description: 'Risks to delivery.' })
  risks?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day the status describes; default today, never in the future.' })
  statusDate?: Date | string | null;

  @Field(() => String, { nullable: true, description: "The author's work email, used only when the caller has none (the demo without a token, a service account); otherwise the author is the caller." })
  authorEmail?: string | null;
}

@ObjectType({ description: "How current the project's status reporting is." })
export class StatusFreshness {
  @Field(() => Int, { nullable: true, description: 'Days since the latest report; null when there is none.' })
  daysSinceLastReport!: number | null;

  @Field(() => Int, { description: 'Expected days between reports (PROJECTS_REPORT_CADENCE_DAYS).' })
  cadenceDays!: number;

  @Field({ description: 'No report, or the latest is older than the cadence (closed projects are never stale).' })
  stale!: boolean;
}
