import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';
import type { JiraProject } from '../../../connectors/jira/models';
import { DateScalar } from '../../common/scalars';
import { ConnectionType } from '../../common/pagination';
import { Phase } from './project.enums';

/** A Jira project with its PMO profile; lead, team, milestones and issues are resolved in project.resolver.ts. */
@Directive('@key(fields: "key")')
@ObjectType({ description: 'A project in the portfolio: a Jira project plus the PMO metadata kept on it.' })
export class Project {
  @Directive('@shareable')
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Project', this.key);
  }

  @Field({ description: 'The Jira project key.' })
  key!: string;

  @Field({ description: 'The Jira project name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The Jira project description; null when empty.' })
  description!: string | null;

  @Field({ description: 'The project in the Jira UI.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'The Jira project category; null when none.' })
  category!: string | null;

  @Field(() => Phase, { nullable: true, description: 'Lifecycle phase (PMO profile); null when not recorded.' })
  phase!: Phase | null;

  @Field(() => Int, { nullable: true, description: 'Portfolio priority, 1 (highest) to 5.' })
  priority!: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned start (PMO profile); null when not recorded.' })
  plannedStart!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end (PMO profile); null when not recorded.' })
  plannedEnd!: string | null;

  /** The tickets subgraph's operational health, when the gateway sent it for `Project.health`'s `@requires`. */
  operationalHealth?: { rag: string; reasons: string[] } | null;

  /** The connector's object, for field resolvers (not exposed). */
  source!: JiraProject;
}

export const ProjectConnection = ConnectionType('Project', Project);

export function toProject(project: JiraProject): Project {
  return Object.assign(new Project(), {
    key: project.key,
    name: project.name,
    description: project.description,
    url: project.url,
    category: project.category,
    source: project,
    phase: (project.profile?.phase as Phase | undefined) ?? null,
    priority: project.profile?.priority ?? null,
    plannedStart: project.profile?.plannedStart ?? null,
    plannedEnd: project.profile?.plannedEnd ?? null,
  });
}
