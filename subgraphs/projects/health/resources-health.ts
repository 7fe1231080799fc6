import type { JiraProject } from '../../../connectors/jira/models';
import type { StaffingThresholds } from '../config';
import { teamOf } from '../project/project.resolver';
import type { RagValue } from './delivery-health';

/**
 * Resources RAG from the PMO's staffing in Jira (the `pmo.profile` teams of the whole portfolio): a team member
 * on more active projects than PROJECTS_STAFFING_MAX_PROJECTS, or allocated over PROJECTS_STAFFING_MAX_ALLOCATION
 * across them, is over-committed. One such member → AMBER; half the team or more → RED. Null without a team.
 * (Assigned open issues, the third staffing threshold, cost a search per 50 people: left to Person.allocation.)
 */
export function resourcesHealth(project: JiraProject, portfolio: readonly JiraProject[], limits: StaffingThresholds): { rag: RagValue; reasons: string[] } | null {
  if (project.profile?.phase === 'CLOSED') return { rag: 'GREEN', reasons: [] };
  const team = teamOf(project);
  if (!team.length) return null;
  const active = portfolio.filter((p) => p.profile?.phase !== 'CLOSED');
  const over: string[] = [];
  for (const member of team) {
    const on = active.map((p) => ({ key: p.key, m: teamOf(p).find((t) => t.email === member.email) })).filter((x) => x.m);
    const total = on.reduce((sum, x) => sum + (x.m!.allocation ?? 0), 0);
    if (on.length > limits.maxActiveProjects || total > limits.maxAllocation) {
      over.push(`${member.email} (${on.length} active projects, ${total}% allocated: ${on.map((x) => `${x.key}${x.m!.allocation ? ` ${x.m!.allocation}%` : ''}`).join(', ')})`);
    }
  }
  if (!over.length) return { rag: 'GREEN', reasons: [] };
  const rag: RagValue = over.length * 2 >= team.length ? 'RED' : 'AMBER';
  return {
    rag,
    reasons: [`${over.length} of ${team.length} team members are over-committed (limits ${limits.maxActiveProjects} projects, ${limits.maxAllocation}%): ${over.join('; ')}`],
  };
}
