import { Directive, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Rag } from '../../common/rag';
import { DateScalar, DateTimeScalar } from '../../common/scalars';

export enum HealthSource {
  JIRA_RULE = 'JIRA_RULE',
  SERVICENOW_RULE = 'SERVICENOW_RULE',
  PM_REPORT = 'PM_REPORT',
  PM_OVERRIDE = 'PM_OVERRIDE',
}
registerEnumType(HealthSource, {
  name: 'HealthSource',
  description: 'Where a health reason comes from.',
  valuesConfig: {
    JIRA_RULE: { description: 'A published rule over Jira: delivery (PROJECTS_HEALTH_RULES) or the PMO staffing kept there (PROJECTS_STAFFING_*).' },
    SERVICENOW_RULE: { description: 'A published operational rule over ServiceNow tickets (TICKETS_HEALTH_RULES).' },
    PM_REPORT: { description: "The PM's latest status report." },
    PM_OVERRIDE: { description: "The PM's active health override." },
  },
});

export enum HealthDimension {
  overall = 'overall',
  schedule = 'schedule',
  scope = 'scope',
  cost = 'cost',
  resources = 'resources',
  operations = 'operations',
}
registerEnumType(HealthDimension, {
  name: 'HealthDimension',
  description: 'A dimension of project health.',
  valuesConfig: {
    overall: { description: 'The project as a whole: the worst of the other dimensions, or what the PM gave as overall.' },
    schedule: { description: 'Milestones, progress against plan, overdue work.' },
    scope: { description: 'Blocked work and work not started late in the project.' },
    cost: { description: 'Budget, as the PM reports it.' },
    resources: { description: 'Staffing: over-committed team members across the portfolio.' },
    operations: { description: 'Incidents, problems and failed changes in ServiceNow.' },
  },
});

@ObjectType({ description: 'Why a dimension is not GREEN, and which system or person says so.' })
export class HealthReason {
  @Field(() => HealthDimension, { description: 'The dimension this reason is about.' })
  dimension!: HealthDimension;

  @Field(() => Rag, { description: 'The RAG this reason gives the dimension.' })
  rag!: Rag;

  @Field(() => HealthSource, { description: 'Which rule or person says so.' })
  source!: HealthSource;

  @Field({ description: 'One sentence saying why.' })
  message!: string;
}

@ObjectType({ description: 'A RAG per dimension; null where there is nothing to go on.' })
export class HealthDimensions {
  @Field(() => Rag, { nullable: true, description: 'The worst of the dimensions (and, for a report, what the PM gave as overall).' })
  overall!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Milestones, progress against plan, overdue work.' })
  schedule!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Blocked work and work not started late in the project.' })
  scope!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Budget; only the PM reports it (no system of record here computes it).' })
  cost!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Staffing: computed from the PMO teams across the portfolio (over-committed members), or as the PM reported it.' })
  resources!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Incidents, problems and failed changes in ServiceNow.' })
  operations!: Rag | null;
}

@ObjectType({ description: "A PM's override of a project's overall health, kept in the Jira project property pmo.healthOverride." })
export class HealthOverrideInfo {
  @Field(() => Rag, { description: 'The overall RAG the PM set.' })
  overall!: Rag;

  @Field({ description: 'Why (shown with the health).' })
  reason!: string;

  @Field({ description: 'Who set it: their work email, or the caller subject of a service account.' })
  author!: string;

  @Field(() => DateTimeScalar, { description: 'When it was set.' })
  setAt!: string;

  @Field(() => DateScalar, { description: 'The last day it applies.' })
  expires!: string;

  @Field({ description: 'False once expired: then it is shown but no longer wins.' })
  active!: boolean;
}

@ObjectType({ description: 'One health per project across Jira, ServiceNow and the PM report, by the published combination rule (README, "Project health rules").' })
export class ProjectHealth {
  @Field(() => Rag, { nullable: true, description: 'The combined overall RAG (the override when one is active); null when nothing is known.' })
  overall!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Combined schedule RAG.' })
  schedule!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Combined scope RAG.' })
  scope!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Combined cost RAG (from the PM report).' })
  cost!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Combined resources RAG (PMO staffing and the PM report).' })
  resources!: Rag | null;

  @Field(() => Rag, { nullable: true, description: 'Operations RAG from ServiceNow; null when ServiceNow could not answer.' })
  operations!: Rag | null;

  @Field(() => [HealthReason], { description: 'Every reason a dimension is not GREEN, the override first, then worst first.' })
  reasons!: HealthReason[];

  @Field(() => HealthDimensions, { nullable: true, description: "The PM's latest report; null when there is none." })
  reported!: HealthDimensions | null;

  @Field(() => HealthDimensions, { description: 'What the systems compute alone (Jira and ServiceNow rules).' })
  computed!: HealthDimensions;

  @Field(() => HealthOverrideInfo, { nullable: true, description: 'The stored override, active or expired; null when none.' })
  override!: HealthOverrideInfo | null;
}

@InputType({ description: "A PM's health override." })
export class HealthOverrideInput {
  @Field(() => Rag, { description: 'The overall RAG to show.' })
  overall!: Rag;

  @Field({ description: 'Why; 1 to 1000 characters.' })
  reason!: string;

  @Field(() => DateScalar, { description: 'The last day it applies: today to 90 days ahead.' })
  expires!: Date | string;
}

/** Stub of the tickets subgraph's value type, so `Project.health` can `@requires` it. */
@Directive('@external')
@ObjectType('OperationalHealth', { description: "A project's operational health from its ServiceNow tickets, by the published rules." })
export class OperationalHealthRef {
  @Field(() => Rag, { description: 'The operational RAG: the worst of the triggered rules, GREEN when none.' })
  rag!: Rag;

  @Field(() => [String], { description: 'One line per triggered rule, worst first, each with its count and the rule; empty when GREEN.' })
  reasons!: string[];
}
