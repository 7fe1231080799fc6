import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { JiraVersion } from '../../../connectors/jira/models';
import { DateScalar } from '../../common/scalars';

@ObjectType({ description: "Progress of a milestone: its fix version's issues." })
export class MilestoneProgress {
  @Field(() => Int, { description: 'Issues of the version that are done.' })
  done!: number;

  @Field(() => Int, { description: 'Issues of the version in any status category.' })
  total!: number;

  @Field(() => Float, { nullable: true, description: 'done / total, 0..1; null when the version has no issues.' })
  ratio!: number | null;
}

@ObjectType({ description: 'A Jira version: a release or milestone of a project.' })
export class Milestone {
  @Field(() => ID, { description: 'The Jira version id (unique among milestones: a cache keys it as Milestone:<id>).' })
  id!: string;

  @Field({ description: 'Version name, e.g. Release 2.0.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Version description; null when empty.' })
  description!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Start date; null when not set.' })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned (or, once released, actual) release date; null when not set.' })
  releaseDate!: string | null;

  @Field({ description: 'Whether the version is released.' })
  released!: boolean;

  @Field({ description: 'Unreleased and past its release date.' })
  overdue!: boolean;

  @Field(() => MilestoneProgress, { nullable: true, description: 'Done / total of the issues with this fix version; null when Jira sent no counts.' })
  progress!: MilestoneProgress | null;
}

export function toMilestone(version: JiraVersion): Milestone {
  const counts = version.issues;
  const total = counts ? counts.toDo + counts.inProgress + counts.done + counts.unmapped : 0;
  return Object.assign(new Milestone(), {
    id: version.id,
    name: version.name,
    description: version.description,
    startDate: version.startDate,
    releaseDate: version.releaseDate,
    released: version.released,
    overdue: version.overdue,
    progress: counts ? { done: counts.done, total, ratio: total ? counts.done / total : null } : null,
  });
}

/** The next milestone: the first unreleased version by release date (undated ones last), overdue ones included. */
export function nextMilestone(versions: readonly JiraVersion[]): JiraVersion | null {
  const open = versions.filter((v) => !v.released && !v.archived);
  return [...open].sort((a, b) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999'))[0] ?? null;
}
