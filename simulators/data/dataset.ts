import { Random } from './random';
import {
  CHANGE_SUBJECTS, DEPARTMENTS, DIVISION, EMAIL_DOMAIN, EPIC_THEMES, FAMILY_NAMES, GIVEN_NAMES, INCIDENT_SUBJECTS,
  ISSUE_OBJECTS, ISSUE_VERBS, LABELS, PROBLEM_SUBJECTS, PROJECTS, REQUEST_SUBJECTS, type Phase,
} from './catalog';

/**
 * The demo data set: one university IT portfolio, described once, from which each simulator renders its own
 * wire format. The same person appears in the directory (SCIM), in Jira (accountId, email sometimes hidden)
 * and in ServiceNow (sys_id), joined only by work email, as in a real estate.
 */

export type Rag = 'GREEN' | 'AMBER' | 'RED';
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface DemoPerson {
  scimId: string;
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  title: string;
  department: string;
  division: string;
  costCenter: string;
  employeeNumber: string;
  phone: string;
  location: string;
  active: boolean;
  managerId: string | null;
  /** Present in the HR directory; former staff exist only in Jira and ServiceNow history. */
  inDirectory: boolean;
  jiraAccountId: string;
  /** Jira privacy setting: when true, Jira omits emailAddress for this user. */
  jiraEmailHidden: boolean;
  snowSysId: string;
  /** How ServiceNow spells the email (some records differ in case from the directory). */
  snowEmail: string;
}

export interface DemoVersion {
  id: string;
  name: string;
  description: string;
  startDate: string | null;
  releaseDate: string | null;
  released: boolean;
  archived: boolean;
}

export interface DemoTeamMember {
  personId: string;
  role: string;
  allocation: number;
}

export interface DemoStatusReport {
  id: string;
  statusDate: string;
  authorId: string;
  overall: Rag;
  schedule: Rag;
  cost: Rag;
  scope: Rag;
  resources: Rag;
  summary: string;
  accomplishments: string;
  nextSteps: string;
  keyIssues: string;
  risks: string;
}

export interface DemoProject {
  id: string;
  key: string;
  name: string;
  description: string;
  category: string;
  categoryId: string;
  department: string;
  leadId: string;
  sponsorId: string;
  phase: Phase;
  priority: number;
  plannedStart: string;
  plannedEnd: string;
  team: DemoTeamMember[];
  versions: DemoVersion[];
  statusReports: DemoStatusReport[];
}

export interface DemoIssue {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  type: 'Epic' | 'Story' | 'Task' | 'Bug' | 'Sub-task';
  status: string;
  statusCategory: StatusCategoryKey;
  priority: 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';
  assigneeId: string | null;
  reporterId: string;
  dueDate: string | null;
  created: string;
  updated: string;
  resolved: string | null;
  labels: string[];
  storyPoints: number | null;
  parentKey: string | null;
  fixVersionIds: string[];
  blockedBy: string[];
}

export type TicketTable = 'incident' | 'change_request' | 'sc_req_item' | 'problem';

export interface DemoTicket {
  table: TicketTable;
  sysId: string;
  number: string;
  shortDescription: string;
  state: string;
  priority: string;
  assignedToId: string | null;
  assignmentGroup: string;
  assignmentGroupId: string;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  correlationId: string;
  /** change_request only */
  changeType?: 'standard' | 'normal' | 'emergency';
  risk?: string;
  startDate?: string;
  endDate?: string;
  closeCode?: string;
}

export interface Dataset {
  anchor: Date;
  scale: number;
  people: DemoPerson[];
  projects: DemoProject[];
  issues: DemoIssue[];
  tickets: DemoTicket[];
}

const DAY = 86_400_000;
/** State codes in which each ServiceNow table's records are closed (the codes mean different things per table). */
const CLOSED_STATES: Record<TicketTable, readonly string[]> = {
  incident: ['7', '8'],
  change_request: ['3', '4'],
  sc_req_item: ['3', '4', '7'],
  problem: ['107'],
};
const PHASE_WEIGHT: Record<Phase, number> = { INITIATING: 0.25, PLANNING: 0.6, EXECUTING: 1.4, CLOSING: 1.0, CLOSED: 1.0 };

export function defaultAnchor(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Record stamps are honest: created ≤ updated ≤ resolved ≤ the anchor (the data set is the world as of the
 * start of its day, so no stamp is later today). Stamps land on day -1 at the latest; a later stamp drawn on
 * the creation day but at an earlier hour moves to just after creation: by 1–60 seconds taken from its own
 * minute, so no extra draw shifts the seeded sequence and a record created at 23:59 yesterday stays ≤ the anchor.
 */
function notBefore(base: Date, stamp: Date): Date {
  return stamp.getTime() > base.getTime() ? stamp : new Date(base.getTime() + (stamp.getUTCMinutes() + 1) * 1000);
}

export interface DatasetOptions {
  scale?: number;
  /** The day the portfolio is "as of"; dates are laid out around it. Defaults to today (UTC). */
  anchor?: Date;
  seed?: number;
}

export function generateDataset(options: DatasetOptions = {}): Dataset {
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  const anchor = options.anchor ?? defaultAnchor();
  const rnd = new Random(options.seed ?? 20261126);
  const at = (days: number, hour = 9, minute = 0): Date =>
    new Date(anchor.getTime() + days * DAY + hour * 3_600_000 + minute * 60_000);

  const people = generatePeople(rnd, scale);
  const inDirectory = people.filter((p) => p.inDirectory && p.active);
  const byDept = new Map<string, DemoPerson[]>();
  for (const p of inDirectory) {
    const list = byDept.get(p.department) ?? [];
    list.push(p);
    byDept.set(p.department, list);
  }
  const pmPool = (byDept.get('Portfolio & Architecture') ?? []).filter((p) => /Project Manager/.test(p.title));
  const sponsorPool = inDirectory.filter((p) => /Director|Chief/.test(p.title));
  const formerStaff = people.filter((p) => !p.inDirectory);

  const projects: DemoProject[] = [];
  const issues: DemoIssue[] = [];
  let issueId = 10000;
  const baseIssues = 3000;
  const totalProjects = PROJECTS.length * scale;
  const phases: Phase[] = ['INITIATING', 'PLANNING', 'EXECUTING', 'EXECUTING', 'EXECUTING', 'EXECUTING', 'CLOSING', 'CLOSED'];

  for (let i = 0; i < totalProjects; i++) {
    const spec = PROJECTS[i % PROJECTS.length];
    const round = Math.floor(i / PROJECTS.length);
    const key = round === 0 ? spec.key : `${spec.key}${round + 1}`;
    const name = round === 0 ? spec.name : `${spec.name} (Wave ${round + 1})`;
    const phase = phases[i % phases.length];
    const deptPeople = byDept.get(spec.department) ?? inDirectory;
    const lead = pmPool.length && rnd.chance(0.7) ? rnd.pick(pmPool) : rnd.pick(deptPeople);
    const sponsor = rnd.pick(sponsorPool);
    const startOffset = phase === 'INITIATING' ? rnd.int(10, 60) : phase === 'PLANNING' ? rnd.int(-30, 20)
      : phase === 'CLOSED' ? rnd.int(-700, -400) : phase === 'CLOSING' ? rnd.int(-500, -250) : rnd.int(-360, -60);
    const duration = rnd.int(180, 540);
    const plannedStart = at(startOffset);
    const plannedEnd = at(startOffset + duration);

    const team: DemoTeamMember[] = [{ personId: lead.scimId, role: 'Project Manager', allocation: rnd.pick([50, 60, 80, 100]) }];
    const teamSize = rnd.int(4, 9);
    const candidates = [...deptPeople, ...rnd.pick([byDept.get('Information Security') ?? [], byDept.get('Data & Analytics') ?? []])];
    const roles = ['Technical Lead', 'Business Analyst', 'Developer', 'Developer', 'Engineer', 'Tester', 'Change Manager', 'Architect'];
    for (let t = 0; t < teamSize && candidates.length; t++) {
      const person = rnd.pick(candidates);
      if (team.some((m) => m.personId === person.scimId)) continue;
      team.push({ personId: person.scimId, role: roles[t % roles.length], allocation: rnd.pick([20, 25, 40, 50, 100]) });
    }

    const versions: DemoVersion[] = [];
    const versionCount = rnd.int(3, 6);
    for (let v = 0; v < versionCount; v++) {
      const relDay = startOffset + Math.round(((v + 1) * duration) / versionCount);
      const releaseDate = at(relDay);
      const due = releaseDate.getTime() < anchor.getTime();
      const released = phase === 'CLOSED' || (due && rnd.chance(0.75));
      versions.push({
        id: String(20000 + i * 10 + v),
        name: v === versionCount - 1 ? 'Go-live' : `Release ${v + 1}.0`,
        description: v === versionCount - 1 ? `${name} go-live` : `Milestone ${v + 1} of ${name}`,
        startDate: isoDate(at(startOffset + Math.round((v * duration) / versionCount))),
        releaseDate: rnd.chance(0.92) ? isoDate(releaseDate) : null,
        released,
        archived: false,
      });
    }

    const statusReports: DemoStatusReport[] = [];
    if (phase !== 'INITIATING') {
      const reportCount = phase === 'PLANNING' ? rnd.int(1, 3) : rnd.int(3, 10);
      const staleness = rnd.pick([2, 5, 9, 12, 20, 35]);
      let mood: Rag = rnd.weighted([['GREEN', 6], ['AMBER', 3], ['RED', 1]] as const);
      for (let r = reportCount - 1; r >= 0; r--) {
        mood = rnd.chance(0.25) ? rnd.weighted([['GREEN', 5], ['AMBER', 3], ['RED', 1]] as const) : mood;
        const day = -(staleness + r * 14);
        const scheduleRag = mood === 'GREEN' && rnd.chance(0.2) ? 'AMBER' : mood;
        statusReports.push({
          id: `${key}-SR-${reportCount - r}`,
          statusDate: isoDate(at(day)),
          authorId: lead.scimId,
          overall: mood,
          schedule: scheduleRag,
          cost: rnd.weighted([['GREEN', 7], ['AMBER', 2], ['RED', 1]] as const),
          scope: rnd.weighted([['GREEN', 7], ['AMBER', 2], ['RED', 1]] as const),
          resources: rnd.weighted([['GREEN', 6], ['AMBER', 3], ['RED', 1]] as const),
          summary: mood === 'GREEN' ? `${name} is on track.` : mood === 'AMBER' ? `${name} is at risk on schedule; recovery plan in place.` : `${name} is off track; escalation to the sponsor requested.`,
          accomplishments: `Completed ${rnd.pick(EPIC_THEMES).toLowerCase()} activities.`,
          nextSteps: `Start ${rnd.pick(EPIC_THEMES).toLowerCase()}.`,
          keyIssues: mood === 'GREEN' ? 'None.' : `Dependency on ${rnd.pick(PROJECTS).name} is late.`,
          risks: `Vendor capacity for ${rnd.pick(EPIC_THEMES).toLowerCase()}.`,
        });
      }
    }

    const project: DemoProject = {
      id: String(10000 + i),
      key,
      name,
      description: spec.description,
      category: spec.category,
      categoryId: String(10000 + [...new Set(PROJECTS.map((p) => p.category))].indexOf(spec.category)),
      department: spec.department,
      leadId: lead.scimId,
      sponsorId: sponsor.scimId,
      phase,
      priority: rnd.int(1, 5),
      plannedStart: isoDate(plannedStart),
      plannedEnd: isoDate(plannedEnd),
      team,
      versions,
      statusReports,
    };
    projects.push(project);
  }
  // Spread exactly 3,000 issues per 1x over the projects, weighted by how far along each one is.
  const weights = projects.map((p) => PHASE_WEIGHT[p.phase] * (0.7 + rnd.next() * 0.6));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let remaining = baseIssues * scale;
  const personIndex = new Map(people.map((p, i) => [p.scimId, i]));
  projects.forEach((project, i) => {
    const count = i === projects.length - 1 ? remaining : Math.round((baseIssues * scale * weights[i]) / totalWeight);
    remaining -= count;
    issueId = generateIssues(rnd, project, count, issueId, issues, people, personIndex, formerStaff, at, anchor);
  });

  const tickets = generateTickets(rnd, scale, projects, issues, people, at);
  return { anchor, scale, people, projects, issues, tickets };
}

function generatePeople(rnd: Random, scale: number): DemoPerson[] {
  const people: DemoPerson[] = [];
  const usedEmails = new Set<string>();
  let employee = 700000;
  const make = (title: string, department: string, managerId: string | null, inDirectory = true): DemoPerson => {
    let given: string;
    let family: string;
    let local: string;
    do {
      given = rnd.pick(GIVEN_NAMES);
      family = rnd.pick(FAMILY_NAMES);
      local = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '');
      if (usedEmails.has(local)) local = `${local}${rnd.int(2, 99)}`;
    } while (usedEmails.has(local));
    usedEmails.add(local);
    const email = `${local}@${EMAIL_DOMAIN}`;
    const spec = DEPARTMENTS.find((d) => d.name === department);
    employee += rnd.int(1, 97);
    const person: DemoPerson = {
      scimId: rnd.uuid(),
      userName: email,
      givenName: given,
      familyName: family,
      displayName: `${given} ${family}`,
      email,
      title,
      department,
      division: DIVISION,
      costCenter: spec?.costCenter ?? 'CC-4100',
      employeeNumber: String(employee),
      phone: `+1 555 01${String(rnd.int(0, 99)).padStart(2, '0')} ${String(rnd.int(0, 9999)).padStart(4, '0')}`,
      location: spec?.location ?? 'Hollis Hall 6F',
      active: true,
      managerId,
      inDirectory,
      jiraAccountId: `712020:${rnd.uuid()}`,
      jiraEmailHidden: rnd.chance(0.15),
      snowSysId: rnd.hex(32),
      snowEmail: rnd.chance(0.2) ? capitaliseLocalPart(email) : email,
    };
    people.push(person);
    return person;
  };

  const cio = make('Chief Information Officer', 'Office of the CIO', null);
  const total = 250 * scale;
  const perDept = Math.floor((total - 1) / DEPARTMENTS.length);
  for (const dept of DEPARTMENTS) {
    const director = make(`Director, ${dept.name}`, dept.name, cio.scimId);
    const managers: DemoPerson[] = [];
    const managerCount = Math.max(2, Math.round(perDept / 9));
    for (let m = 0; m < managerCount; m++) managers.push(make(`${dept.name} Manager`, dept.name, director.scimId));
    const staff = perDept - 1 - managerCount;
    for (let s = 0; s < staff; s++) make(rnd.pick(dept.titles), dept.name, rnd.pick(managers).scimId);
  }
  while (people.length < total) {
    const dept = DEPARTMENTS[people.length % DEPARTMENTS.length];
    const manager = people.find((p) => p.department === dept.name && /Manager$/.test(p.title));
    make(rnd.pick(dept.titles), dept.name, manager?.scimId ?? cio.scimId);
  }
  // A few leavers: still assignees and reporters in Jira and ServiceNow history, gone from the directory.
  for (let f = 0; f < 8 * scale; f++) {
    const dept = rnd.pick(DEPARTMENTS);
    const leaver = make(rnd.pick(dept.titles), dept.name, null, false);
    leaver.active = false;
  }
  // A handful of inactive accounts that HR still lists (on leave, contract ended).
  for (let d = 0; d < 4 * scale; d++) {
    const p = people[1 + d * 37];
    if (p && p.inDirectory && !/Manager|Director|Chief/.test(p.title)) p.active = false;
  }
  return people;
}

function capitaliseLocalPart(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('.')}@${domain}`;
}

const STATUSES: Record<StatusCategoryKey, readonly string[]> = {
  new: ['To Do', 'Backlog'],
  indeterminate: ['In Progress', 'In Review', 'Blocked'],
  done: ['Done'],
};

function generateIssues(
  rnd: Random, project: DemoProject, count: number, startId: number, out: DemoIssue[], people: DemoPerson[],
  personIndex: ReadonlyMap<string, number>, formerStaff: DemoPerson[], at: (days: number, hour?: number, minute?: number) => Date, anchor: Date,
): number {
  let id = startId;
  let n = 1;
  // The team in directory order (what the seeded picks below depend on), found by index rather than by
  // scanning the directory once per project, which made DEMO_SCALE=100 quadratic.
  const team = [...new Set(project.team.map((m) => personIndex.get(m.personId)).filter((i): i is number => i !== undefined))]
    .sort((a, b) => a - b)
    .map((i) => people[i]);
  const startDay = Math.round((Date.parse(project.plannedStart) - anchor.getTime()) / DAY);
  const doneBias = project.phase === 'CLOSED' ? 0.97 : project.phase === 'CLOSING' ? 0.85 : project.phase === 'EXECUTING' ? 0.5
    : project.phase === 'PLANNING' ? 0.15 : 0.05;
  const epics: DemoIssue[] = [];
  const own: DemoIssue[] = [];

  const next = (type: DemoIssue['type'], parent: DemoIssue | null): DemoIssue => {
    const createdDay = Math.min(-1, startDay + rnd.int(0, Math.max(1, -startDay)));
    const roll = rnd.next();
    const category: StatusCategoryKey = roll < doneBias ? 'done' : roll < doneBias + (1 - doneBias) * 0.45 ? 'indeterminate' : 'new';
    const created = at(createdDay, rnd.int(8, 17), rnd.int(0, 59));
    const resolved = category === 'done' ? notBefore(created, at(Math.min(-1, createdDay + rnd.int(2, 60)), rnd.int(8, 18), rnd.int(0, 59))) : null;
    const updated = resolved ?? notBefore(created, at(Math.min(-1, createdDay + rnd.int(0, Math.max(0, -createdDay))), rnd.int(8, 18), rnd.int(0, 59)));
    const fixVersion = project.versions.length ? rnd.pick(project.versions) : null;
    const assignee = rnd.chance(0.08) ? null : rnd.chance(0.04) && formerStaff.length ? rnd.pick(formerStaff) : rnd.pick(team);
    const issue: DemoIssue = {
      id: String(id++),
      key: `${project.key}-${n++}`,
      projectKey: project.key,
      summary: type === 'Epic' ? rnd.pick(EPIC_THEMES) : `${rnd.pick(ISSUE_VERBS)} ${rnd.pick(ISSUE_OBJECTS)}`,
      type,
      status: rnd.pick(STATUSES[category]),
      statusCategory: category,
      priority: rnd.weighted([['Highest', 1], ['High', 3], ['Medium', 8], ['Low', 3], ['Lowest', 1]] as const),
      assigneeId: assignee?.scimId ?? null,
      reporterId: rnd.pick(team).scimId,
      dueDate: rnd.chance(0.6) && fixVersion?.releaseDate ? fixVersion.releaseDate : rnd.chance(0.3) ? at(createdDay + rnd.int(7, 90)).toISOString().slice(0, 10) : null,
      created: created.toISOString(),
      updated: updated.toISOString(),
      resolved: resolved?.toISOString() ?? null,
      labels: rnd.chance(0.5) ? [rnd.pick(LABELS)] : rnd.chance(0.2) ? [rnd.pick(LABELS), rnd.pick(LABELS)].filter((v, i, a) => a.indexOf(v) === i) : [],
      storyPoints: type === 'Story' || type === 'Bug' ? (rnd.chance(0.85) ? rnd.pick([1, 2, 3, 5, 8, 13, 0.5]) : null) : null,
      parentKey: parent?.key ?? null,
      fixVersionIds: fixVersion && type !== 'Sub-task' ? [fixVersion.id] : [],
      blockedBy: [],
    };
    out.push(issue);
    own.push(issue);
    return issue;
  };

  const epicCount = Math.max(1, Math.round(count / 25));
  for (let e = 0; e < epicCount; e++) epics.push(next('Epic', null));
  while (n <= count) {
    const type = rnd.weighted([['Story', 5], ['Task', 3], ['Bug', 2]] as const);
    const parent = rnd.chance(0.8) ? rnd.pick(epics) : null;
    const issue = next(type, parent);
    if (n <= count && rnd.chance(0.15)) next('Sub-task', issue);
  }
  const open = own.filter((i) => i.statusCategory !== 'done' && i.type !== 'Epic');
  for (const issue of open) {
    if (rnd.chance(0.05)) {
      const blocker = rnd.pick(open);
      if (blocker !== issue) {
        issue.blockedBy.push(blocker.key);
        issue.status = 'Blocked';
        issue.statusCategory = 'indeterminate';
      }
    }
  }
  return id;
}

function generateTickets(
  rnd: Random, scale: number, projects: DemoProject[], issues: DemoIssue[], people: DemoPerson[],
  at: (days: number, hour?: number, minute?: number) => Date,
): DemoTicket[] {
  const tickets: DemoTicket[] = [];
  const groups = DEPARTMENTS.map((d, i) => ({ name: d.assignmentGroup, id: (i + 1).toString(16).padStart(32, 'a') }));
  const counters: Record<TicketTable, number> = { incident: 10000, change_request: 30000, sc_req_item: 10000, problem: 4000 };
  const prefix: Record<TicketTable, string> = { incident: 'INC', change_request: 'CHG', sc_req_item: 'RITM', problem: 'PRB' };
  const live = projects.filter((p) => p.phase !== 'INITIATING');
  const issuesByProject = new Map<string, DemoIssue[]>();
  for (const i of issues) issuesByProject.set(i.projectKey, [...(issuesByProject.get(i.projectKey) ?? []), i]);
  const staff = people.filter((p) => p.department !== 'Office of the CIO');
  const fmt = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

  const plan: Array<[TicketTable, number]> = [['incident', 700], ['change_request', 350], ['sc_req_item', 300], ['problem', 150]];
  for (const [table, base] of plan) {
    for (let i = 0; i < base * scale; i++) {
      const project = rnd.chance(0.85) ? rnd.pick(live) : null;
      const projectIssues = project ? issuesByProject.get(project.key) ?? [] : [];
      const correlationId = !project ? (rnd.chance(0.5) ? '' : `EXT-${rnd.int(1000, 9999)}`)
        : rnd.chance(0.4) && projectIssues.length ? rnd.pick(projectIssues).key : project.key;
      const group = project ? groups[DEPARTMENTS.findIndex((d) => d.name === project.department)] ?? rnd.pick(groups) : rnd.pick(groups);
      const assignee = rnd.chance(0.1) ? null : rnd.pick(staff);
      const openedDay = -rnd.int(0, 365);
      const opened = at(Math.min(-1, openedDay), rnd.int(0, 23), rnd.int(0, 59));
      const ticket: DemoTicket = {
        table,
        sysId: rnd.hex(32),
        number: `${prefix[table]}${String(counters[table]++).padStart(7, '0')}`,
        shortDescription: '',
        state: '',
        priority: rnd.weighted([['1', 1], ['2', 3], ['3', 8], ['4', 6], ['5', 2]] as const),
        assignedToId: assignee?.scimId ?? null,
        assignmentGroup: group.name,
        assignmentGroupId: group.id,
        openedAt: fmt(opened),
        updatedAt: fmt(notBefore(opened, at(Math.min(-1, openedDay + rnd.int(0, 30)), rnd.int(0, 23), rnd.int(0, 59)))),
        closedAt: null,
        correlationId,
      };
      const recent = openedDay > -21;
      const name = project ? project.name : 'Campus services';
      if (table === 'incident') {
        ticket.shortDescription = `${rnd.pick(INCIDENT_SUBJECTS)} - ${name}`;
        ticket.state = recent ? rnd.weighted([['1', 3], ['2', 4], ['3', 2], ['6', 2], ['7', 1]] as const)
          : rnd.weighted([['1', 1], ['2', 1], ['3', 1], ['6', 3], ['7', 12], ['8', 1]] as const);
        if (ticket.priority === '1' && !recent && ticket.state !== '8') ticket.state = '7';
      } else if (table === 'change_request') {
        ticket.shortDescription = `${rnd.pick(CHANGE_SUBJECTS)} - ${name}`;
        const future = rnd.chance(0.3);
        const startDay = future ? rnd.int(1, 30) : openedDay + rnd.int(1, 14);
        const start = at(Math.min(startDay, future ? 30 : -1), rnd.int(18, 23));
        ticket.changeType = rnd.weighted([['standard', 4], ['normal', 5], ['emergency', 1]] as const);
        ticket.risk = rnd.weighted([['2', 1], ['3', 3], ['4', 6]] as const);
        ticket.startDate = fmt(start);
        ticket.endDate = fmt(new Date(start.getTime() + rnd.int(1, 6) * 3_600_000));
        if (future) {
          ticket.state = rnd.pick(['-5', '-4', '-3', '-2']);
          ticket.closeCode = '';
        } else {
          ticket.state = rnd.weighted([['3', 10], ['0', 1], ['4', 1]] as const);
          ticket.closeCode = ticket.state === '4' ? '' : rnd.weighted([['successful', 12], ['successful_issues', 2], ['unsuccessful', 1]] as const);
        }
      } else if (table === 'sc_req_item') {
        ticket.shortDescription = `${rnd.pick(REQUEST_SUBJECTS)} - ${name}`;
        ticket.state = recent ? rnd.pick(['1', '2', '-5']) : rnd.weighted([['3', 8], ['4', 1], ['7', 1], ['2', 1]] as const);
      } else {
        ticket.shortDescription = `${rnd.pick(PROBLEM_SUBJECTS)} - ${name}`;
        ticket.state = rnd.weighted([['101', 1], ['102', 1], ['103', 2], ['104', 2], ['106', 2], ['107', 5]] as const);
      }
      if (CLOSED_STATES[table].includes(ticket.state)) ticket.closedAt = ticket.updatedAt;
      tickets.push(ticket);
    }
  }
  return tickets;
}
