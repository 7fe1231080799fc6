import { registerFilingProjects } from '../../connectors/http/scope';
import type { GraphQLSchema } from 'graphql';
import type { JiraConnector } from '../../connectors/jira/connector';
import { buildFederatedSchema } from '../common/federation';
import type { SubgraphDefinition } from '../common/server';
import type { ProjectsOptions } from './config';
import { createProjectsContext, type ProjectsContext } from './context';
import { DeliveryHealthResolver } from './health/delivery-health.resolver';
import { ProjectHealthResolver } from './health/project-health.resolver';
import { PortfolioExternalResolver } from './portfolio/portfolio-external.resolver';
import { portfolioFromId, PortfolioResolver } from './portfolio/portfolio.resolver';
import { DataQualityResolver } from './quality/data-quality.resolver';
import { StatusDraftResolver } from './draft/status-draft.resolver';
import { ProjectOriginResolver, ProposalResolver } from './intake/proposal.resolver';
import { RankingResolver } from './intake/ranking.resolver';
import { DigestResolver } from './intake/digest.resolver';
import { resolveIssueReference } from './issue/issue.reference';
import { IssueResolver } from './issue/issue.resolver';
import { resolvePersonReference } from './person/person.reference';
import { PersonProjectsResolver } from './person/person.resolver';
import { resolveProjectReference } from './project/project.reference';
import { ProfileResolver } from './profile/profile.resolver';
import { ProjectResolver } from './project/project.resolver';
import { StaffingResolver } from './staffing/staffing.resolver';
import { ProjectStatusResolver, StatusReportResolver } from './status-report/status-report.resolver';

export const PROJECTS_RESOLVERS = [
  ProjectResolver,
  IssueResolver,
  PersonProjectsResolver,
  ProjectStatusResolver,
  StatusReportResolver,
  DeliveryHealthResolver,
  ProjectHealthResolver,
  PortfolioResolver,
  PortfolioExternalResolver,
  DataQualityResolver,
  StatusDraftResolver,
  ProfileResolver,
  StaffingResolver,
  ProposalResolver,
  ProjectOriginResolver,
  RankingResolver,
  DigestResolver,
] as const;

/** The subgraph's schema alone (what `npm run compose` prints); no upstream is touched. */
export function buildProjectsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: PROJECTS_RESOLVERS },
    {
      Project: { __resolveReference: resolveProjectReference },
      Issue: { __resolveReference: resolveIssueReference },
      Person: { __resolveReference: resolvePersonReference },
      Portfolio: { __resolveReference: (reference: { id: string }, ctx: ProjectsContext) => portfolioFromId(reference.id, ctx, reference) },
    },
  );
}

export async function createProjectsSubgraph(jira: JiraConnector, options: ProjectsOptions): Promise<SubgraphDefinition<ProjectsContext>> {
  // Status reports and proposals are written all day and left out of the cross-project searches, so a new
  // report need not evict those searches (connectors/http/scope.ts).
  registerFilingProjects([options.statusReports.projectKey, options.intake.store.projectKey]);
  return { name: 'projects', schema: await buildProjectsSchema(), context: ({ caller }) => createProjectsContext(jira, options, caller) };
}
