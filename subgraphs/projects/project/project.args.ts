import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { Rag } from '../../common/rag';
import { Phase } from './project.enums';

@InputType({ description: 'Narrows the portfolio. All given conditions must hold.' })
export class ProjectFilter {
  @Field(() => [Phase], { nullable: true, description: 'Any of these phases.' })
  phase?: Phase[] | null;

  @Field(() => String, { nullable: true, description: "Matches the project's key or name (case-insensitive)." })
  search?: string | null;

  @Field(() => String, { nullable: true, description: "The project lead's work email." })
  leadEmail?: string | null;

  @Field(() => [Rag], { nullable: true, description: 'Overall delivery health (computed for the whole portfolio: four Jira searches per 50 projects).' })
  health?: Rag[] | null;
}

@ArgsType()
export class ProjectsArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'Conditions the projects must meet.' })
  filter?: ProjectFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 25, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page; omit for the first page.' })
  after?: string | null;
}
