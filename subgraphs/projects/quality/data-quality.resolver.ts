import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { personKey } from '../../common/person-ref';
import type { ProjectsContext } from '../context';
import { Project } from '../project/project.type';
import { dataQuality } from './data-quality';
import { DataQualityCheck, ProjectDataQuality } from './data-quality.type';

type WithDirectory = Project & { leadInDirectory?: boolean | null };

@Resolver(() => Project)
export class DataQualityResolver {
  @Directive('@external')
  @FieldResolver(() => Boolean, { nullable: true, description: 'Owned by the people subgraph.' })
  leadInDirectory(@Root() project: WithDirectory): boolean | null {
    return project.leadInDirectory ?? null;
  }

  @Directive('@requires(fields: "leadInDirectory")')
  @FieldResolver(() => ProjectDataQuality, { nullable: true, description: 'The PMO metadata checks this project fails (README, "Portfolio" → data quality).' })
  async dataQuality(@Root() project: WithDirectory, @Ctx() ctx: ProjectsContext): Promise<ProjectDataQuality> {
    const [versions, reports] = await Promise.all([ctx.loaders.versions.load(project.key), ctx.loaders.statusReports.load(project.key)]);
    const result = dataQuality({
      project: project.source,
      versions,
      latestReport: reports[0] ?? null,
      leadInDirectory: personKey(project.source.lead?.email) ? project.leadInDirectory : undefined,
      cadenceDays: ctx.options.reportCadenceDays,
      now: ctx.options.now(),
    });
    return { failing: result.failing as DataQualityCheck[], score: result.score };
  }
}
