import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Rag } from '../../common/rag';
import { DateScalar } from '../../common/scalars';
import { Milestone } from '../milestone/milestone.type';
import { PersonRef } from '../person/person.type';
import { Phase } from '../project/project.enums';
import { Project } from '../project/project.type';
import { DataQualityCheck } from '../quality/data-quality.type';

export enum TimelineBucket {
  OVERDUE = 'OVERDUE',
  NEXT_30_DAYS = 'NEXT_30_DAYS',
  NEXT_60_DAYS = 'NEXT_60_DAYS',
  NEXT_90_DAYS = 'NEXT_90_DAYS',
}
registerEnumType(TimelineBucket, {
  name: 'TimelineBucket',
  description: 'Where a milestone falls from today.',
  valuesConfig: {
    OVERDUE: { description: 'Unreleased past its release date.' },
    NEXT_30_DAYS: { description: 'Due today to 30 days ahead.' },
    NEXT_60_DAYS: { description: 'Due 31 to 60 days ahead.' },
    NEXT_90_DAYS: { description: 'Due 61 to 90 days ahead.' },
  },
});

export enum KeyIssueKind {
  REPORTED_ISSUE = 'REPORTED_ISSUE',
  REPORTED_RISK = 'REPORTED_RISK',
  P1_INCIDENT = 'P1_INCIDENT',
  BLOCKED_ISSUE = 'BLOCKED_ISSUE',
}
registerEnumType(KeyIssueKind, {
  name: 'KeyIssueKind',
  description: 'What a key issue is.',
  valuesConfig: {
    REPORTED_ISSUE: { description: "A key issue in the project's latest status report." },
    REPORTED_RISK: { description: "A risk in the project's latest status report." },
    P1_INCIDENT: { description: 'An open priority-1 incident in ServiceNow linked to the project.' },
    BLOCKED_ISSUE: { description: 'An unresolved Highest or High priority Jira issue blocked by an unresolved issue.' },
  },
});

@ObjectType({ description: 'Projects in one phase.' })
export class PhaseCount {
  @Field(() => Phase, { nullable: true, description: 'The phase; null for projects without one.' })
  phase!: Phase | null;

  @Field(() => Int, { description: 'How many projects.' })
  count!: number;
}

@ObjectType({ description: 'Projects at one RAG, by each way of looking at health.' })
export class HealthCount {
  @Field(() => Rag, { nullable: true, description: 'The RAG; null counts projects where it is unknown.' })
  rag!: Rag | null;

  @Field(() => Int, { description: 'Projects whose combined Project.health.overall is this RAG.' })
  overall!: number;

  @Field(() => Int, { description: 'Projects whose computed health (Jira and ServiceNow rules alone) is this RAG.' })
  computed!: number;

  @Field(() => Int, { description: "Projects whose PM's latest reported overall is this RAG (null: no report)." })
  reported!: number;
}

@ObjectType({ description: 'Projects one executive sponsors.' })
export class SponsorCount {
  @Field(() => PersonRef, { nullable: true, description: 'The sponsor; null counts projects without one.' })
  sponsor!: PersonRef | null;

  @Field(() => Int, { description: 'How many projects.' })
  count!: number;

  @Field(() => [String], { description: 'Their project keys, in order.' })
  projectKeys!: string[];
}

@ObjectType({ description: "A project and its lead's email, for roll-ups by the lead's department (people subgraph)." })
export class ProjectLead {
  @Field({ description: 'The project key.' })
  projectKey!: string;

  @Field(() => String, { nullable: true, description: "The lead's lower-cased email; null when Jira hides it or there is no lead." })
  email!: string | null;
}

@ObjectType({ description: 'A project whose status reporting is overdue.' })
export class StaleReport {
  @Field(() => Project, { description: 'The project.' })
  project!: Project;

  @Field(() => Int, { nullable: true, description: 'Days since its latest report; null when it never reported.' })
  daysSinceLastReport!: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date of its latest report.' })
  lastReportDate!: string | null;
}

@ObjectType({ description: 'A milestone on the portfolio timeline.' })
export class TimelineEntry {
  @Field(() => Project, { description: 'Whose milestone.' })
  project!: Project;

  @Field(() => Milestone, { description: 'The milestone, with its progress.' })
  milestone!: Milestone;

  @Field(() => TimelineBucket, { description: 'Overdue or how far ahead.' })
  bucket!: TimelineBucket;

  @Field(() => Int, { description: 'Days from today to its release date (negative when overdue).' })
  daysUntil!: number;
}

@ObjectType({ description: 'Something leadership should know about, from a report, ServiceNow or Jira.' })
export class KeyIssue {
  @Field(() => ID, { description: 'Unique: kind and source record, e.g. "P1_INCIDENT:INC0010001".' })
  id!: string;

  @Field(() => Project, { description: 'The project concerned.' })
  project!: Project;

  @Field(() => KeyIssueKind, { description: 'What it is.' })
  kind!: KeyIssueKind;

  @Field({ description: 'The issue in a sentence (the report text, incident or issue summary).' })
  text!: string;

  @Field({ description: 'The record it comes from: a report issue key, an incident number or a Jira issue key.' })
  reference!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When: the report date, the incident opening day or the issue due date.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'The record in its system UI.' })
  url!: string | null;
}

@ObjectType({ description: 'One reported RAG in a trend.' })
export class RagPoint {
  @Field(() => DateScalar, { description: 'The report date.' })
  statusDate!: string;

  @Field(() => Rag, { description: 'The overall RAG reported.' })
  overall!: Rag;
}

@ObjectType({ description: "A project's reported overall RAG over its last reports, oldest first." })
export class RagTrend {
  @Field(() => Project, { description: 'The project.' })
  project!: Project;

  @Field(() => [RagPoint], { description: 'Oldest first.' })
  points!: RagPoint[];

  @Field(() => Int, { description: 'Latest minus first, in RAG steps (GREEN 0, AMBER 1, RED 2): positive is worsening.' })
  change!: number;
}

@ObjectType({ description: 'How many projects fail one data-quality check.' })
export class DataQualityCount {
  @Field(() => DataQualityCheck, { description: 'The check.' })
  check!: DataQualityCheck;

  @Field(() => Int, { description: 'Projects failing it.' })
  count!: number;

  @Field(() => [String], { description: 'Their keys, in order.' })
  projectKeys!: string[];
}

@ObjectType({ description: 'Data quality across the portfolio.' })
export class PortfolioDataQuality {
  @Field(() => [DataQualityCount], { description: 'Per check, in check order, including checks no project fails.' })
  checks!: DataQualityCount[];

  @Field(() => Int, { description: 'Projects failing at least one check.' })
  projectsWithIssues!: number;

  @Field(() => [String], { description: 'Keys ServiceNow tickets are linked to that are not a project in the portfolio.' })
  unknownTicketProjectKeys!: string[];
}

/** The tickets subgraph's per-project operations summary, declared here so the roll-ups can `@requires` it. */
@Directive('@external')
@ObjectType('PortfolioP1Incident', { description: 'An open priority-1 incident linked to a project.' })
export class PortfolioP1IncidentRef {
  @Field({ description: 'The incident number.' })
  number!: string;

  @Field({ description: 'Its short description.' })
  shortDescription!: string;

  @Field(() => String, { nullable: true, description: 'When it was opened (ISO 8601).' })
  openedAt!: string | null;

  @Field({ description: 'The incident in the ServiceNow UI.' })
  url!: string;
}

@Directive('@external')
@ObjectType('ProjectOperations', { description: "A project's operational health and open P1 incidents, from ServiceNow." })
export class ProjectOperationsRef {
  @Field({ description: 'The Jira project key the tickets are linked to.' })
  projectKey!: string;

  @Field(() => Rag, { description: 'Operational RAG by the published rules.' })
  rag!: Rag;

  @Field(() => [String], { description: 'One line per triggered rule.' })
  reasons!: string[];

  @Field(() => [PortfolioP1IncidentRef], { description: 'Open priority-1 incidents, newest first.' })
  openP1Incidents!: PortfolioP1IncidentRef[];
}

/** The portfolio as one entity, so the tickets and people subgraphs can add their roll-ups to it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'The portfolio roll-ups, in one query (README, "Portfolio").' })
export class Portfolio {
  @Field(() => ID, { description: 'Portfolio:all, or Portfolio: and the phases it is filtered to.' })
  id!: string;

  @Field(() => DateScalar, { description: 'The day the roll-ups are computed for.' })
  asOf!: string;

  /** Phases filtered to, empty for all (not exposed; carried in the id). */
  phases!: Phase[];
}
