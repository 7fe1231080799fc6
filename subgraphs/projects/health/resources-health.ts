import type { JiraProject } from '../../../connectors/jira/models';
import type { StaffingThresholds } from '../config';
import { teamOf } from '../project/project.resolver';
import type { RagValue } from './delivery-health';

/** Each person's memberships of active projects, in portfolio order; built once per portfolio (a request's). */
const membershipIndex = new WeakMap<readonly JiraProject[], Map<string, Array<{ key: string; allocation: number | null }>>>();

function activeMemberships(portfolio: readonly JiraProject[]): Map<string, Array<{ key: string; allocation: number | null }>> {
  let index = membershipIndex.get(portfolio);
  if (index) return index;
  index = new Map();
  for (const project of portfolio) {
    if (project.profile?.phase === 'CLOSED') continue;
    const seen = new Set<string>();
    for (const member of teamOf(project)) {
      // A person listed twice on one project counts once, with the first listing's allocation.
      if (seen.has(member.email)) continue;
      seen.add(member.email);
      let list = index.get(member.email);
      if (!list) index.set(member.email, (list = []));
      list.push({ key: project.key, allocation: member.allocation });
    }
  }
  membershipIndex.set(portfolio, index);
  return index;
}

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
  const memberships = activeMemberships(portfolio);
  const over: string[] = [];
  for (const member of team) {
    const on = memberships.get(member.email) ?? [];
    const total = on.reduce((sum, x) => sum + (x.allocation ?? 0), 0);
    if (on.length > limits.maxActiveProjects || total > limits.maxAllocation) {
      over.push(`${member.email} (${on.length} active projects, ${total}% allocated: ${on.map((x) => `${x.key}${x.allocation ? ` ${x.allocation}%` : ''}`).join(', ')})`);
    }
  }
  if (!over.length) return { rag: 'GREEN', reasons: [] };
  const rag: RagValue = over.length * 2 >= team.length ? 'RED' : 'AMBER';
  return {
    rag,
    reasons: [`${over.length} of ${team.length} team members are over-committed (limits ${limits.maxActiveProjects} projects, ${limits.maxAllocation}%): ${over.join('; ')}`],
  };
}
