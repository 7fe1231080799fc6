import type { DirectoryConnector } from '../../../connectors/scim/connector';
import type { DirectoryUser } from '../../../connectors/scim/models';

/**
 * Departments come from the users' enterprise `department` attribute (RFC 7643 §4.3), not from /Groups: it is
 * the attribute `Person.department` and `people(department:)` read, so a department's people and headcount
 * agree with them by construction; a directory's groups are security and mail groups that only sometimes
 * mirror departments, and a group knows neither its head nor its division. One read of the directory gives
 * every department, its members, its head and everyone's manager.
 */

export interface DepartmentRecord {
  name: string;
  /** The division most of its members are in. */
  division: string | null;
  /** In directory order, inactive accounts included. */
  members: DirectoryUser[];
  head: DirectoryUser | null;
}

/** The whole directory, read at most once per request (a page per `filter.maxResults` users). */
export function departmentsLoader(directory: DirectoryConnector, remember: (users: readonly DirectoryUser[]) => void): () => Promise<DepartmentRecord[]> {
  let departments: Promise<DepartmentRecord[]> | undefined;
  return () =>
    (departments ??= directory.listAllUsers().then((users) => {
      remember(users);
      return buildDepartments(users);
    }));
}

/** Departments by name (case-insensitive, first spelling seen), sorted by name. */
export function buildDepartments(users: readonly DirectoryUser[]): DepartmentRecord[] {
  const groups = new Map<string, DirectoryUser[]>();
  for (const user of users) {
    const name = user.department?.trim();
    if (!name) continue;
    const key = name.toLowerCase();
    const members = groups.get(key) ?? [];
    members.push(user);
    groups.set(key, members);
  }
  return [...groups.values()]
    .map((members) => ({ name: members[0].department!.trim(), division: mostCommon(members.map((m) => m.division)), members, head: headOf(members) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function mostCommon(values: Array<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > counts.get(best)!) best = value;
  return best;
}

/**
 * The top of the department's own reporting tree: a member whose manager is outside the department (or who has
 * none). Several such members (an interim head beside the real one) → the one with most of the department
 * under them, active accounts first. A department that is all one manager cycle has no head.
 */
function headOf(members: readonly DirectoryUser[]): DirectoryUser | null {
  const ids = new Set(members.map((m) => m.id));
  const reports = new Map<string, DirectoryUser[]>();
  for (const member of members) {
    if (!member.managerId || !ids.has(member.managerId)) continue;
    const team = reports.get(member.managerId) ?? [];
    team.push(member);
    reports.set(member.managerId, team);
  }
  const below = (root: DirectoryUser): number => {
    const seen = new Set([root.id]);
    const stack = [root];
    for (let next = stack.pop(); next; next = stack.pop()) {
      for (const report of reports.get(next.id) ?? []) {
        if (seen.has(report.id)) continue;
        seen.add(report.id);
        stack.push(report);
      }
    }
    return seen.size - 1;
  };
  const tops = members.filter((m) => !m.managerId || !ids.has(m.managerId));
  const ranked = tops.map((user) => ({ user, score: below(user) })).sort((a, b) => Number(b.user.active) - Number(a.user.active) || b.score - a.score);
  return ranked[0]?.user ?? null;
}
