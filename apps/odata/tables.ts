/**
 * The flat tables the OData and CSV views serve. Each is one named operation (operations/bi-*.graphql) paged
 * through its Relay connection and flattened into rows; BI tools get plain columns, never nested objects.
 */

export type EdmType = 'Edm.String' | 'Edm.Int32' | 'Edm.Double' | 'Edm.Boolean' | 'Edm.Date' | 'Edm.DateTimeOffset';

export interface Column {
  name: string;
  type: EdmType;
  /** Shown in $metadata (Core.Description) so Power BI and Tableau users see what a column means. */
  description: string;
}

export type Row = Record<string, string | number | boolean | null>;

type Node = Record<string, any>;

export interface Table {
  /** The entity set, e.g. Issues (the URL segment). */
  name: string;
  /** The entity type in $metadata, e.g. Issue. */
  entityType: string;
  description: string;
  /** The named operation that pages through the rows. */
  operation: string;
  /** The root field of that operation holding the connection. */
  root: string;
  columns: Column[];
  /** The rows one node of the connection stands for (several for staffing and status reports). */
  rows(node: Node): Row[];
  /** Whether a node stands for several rows (so the connection's totalCount is not the row count). */
  fansOut?: true;
  /**
   * The column that maps onto the operation's `updatedSince` argument: a lower bound on it in $filter is
   * pushed down to the graph (the upstream then sends only those rows); everything else filters in memory.
   */
  updatedSince?: string;
  /** Columns with an equality that maps onto an operation argument (e.g. ProjectKey → projectKey). */
  equalityArguments?: Record<string, string>;
}

const c = (name: string, type: EdmType, description: string): Column => ({ name, type, description });

const ID = (what: string) => c('Id', 'Edm.String', `Globally unique row id (${what}); the key.`);

const ticketColumns = (kind: string): Column[] => [
  ID(`${kind}:<number>`),
  c('Number', 'Edm.String', 'ServiceNow number, e.g. INC0010001.'),
  c('ShortDescription', 'Edm.String', 'Short description.'),
  c('State', 'Edm.String', 'State: NEW, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED, CANCELED, …'),
  c('Priority', 'Edm.String', 'Priority: CRITICAL, HIGH, MODERATE, LOW, PLANNING (UNKNOWN for one the instance added).'),
  c('AssignmentGroup', 'Edm.String', 'Assignment group name.'),
  c('AssignedToEmail', 'Edm.String', "Assignee's work email."),
  c('AssignedToName', 'Edm.String', "Assignee's display name (directory)."),
  c('AssignedToDepartment', 'Edm.String', "Assignee's department (directory)."),
  c('OpenedAt', 'Edm.DateTimeOffset', 'When the ticket was opened.'),
  c('UpdatedAt', 'Edm.DateTimeOffset', 'Last update (incremental refresh column).'),
  c('Url', 'Edm.String', 'The record in the ServiceNow UI.'),
];

const ticketRow = (kind: string, t: Node): Row => ({
  Id: `${kind}:${t.number}`,
  Number: t.number,
  ShortDescription: t.shortDescription,
  State: t.state,
  Priority: t.priority,
  AssignmentGroup: t.assignmentGroup ?? null,
  AssignedToEmail: t.assignedTo?.email ?? null,
  AssignedToName: t.assignedTo?.displayName ?? null,
  AssignedToDepartment: t.assignedTo?.department ?? null,
  OpenedAt: t.openedAt ?? null,
  UpdatedAt: t.updatedAt ?? null,
  Url: t.url,
});

export const TABLES: readonly Table[] = [
  {
    name: 'Projects',
    entityType: 'Project',
    description: 'The portfolio: one row per project, with its health, lead and latest status.',
    operation: 'BiProjects',
    root: 'projects',
    columns: [
      ID('Project:<key>'),
      c('Key', 'Edm.String', 'Jira project key.'),
      c('Name', 'Edm.String', 'Project name.'),
      c('Category', 'Edm.String', 'Jira project category.'),
      c('Phase', 'Edm.String', 'Lifecycle phase (PMO metadata).'),
      c('Priority', 'Edm.Int32', 'Portfolio priority, 1 (highest) to 5.'),
      c('PlannedStart', 'Edm.Date', 'Planned start date.'),
      c('PlannedEnd', 'Edm.Date', 'Planned end date.'),
      c('Health', 'Edm.String', 'Overall health by the published rule (Project.health.overall): computed and reported combined, an active override winning.'),
      c('HealthOverridden', 'Edm.Boolean', 'True while a PM override sets the overall health.'),
      c('DeliveryHealth', 'Edm.String', 'Delivery RAG from Jira: the worse of schedule and scope.'),
      c('ScheduleHealth', 'Edm.String', 'Schedule RAG from Jira.'),
      c('ScopeHealth', 'Edm.String', 'Scope RAG from Jira.'),
      c('OperationalHealth', 'Edm.String', 'Operational RAG from ServiceNow tickets.'),
      c('LatestStatus', 'Edm.String', 'Overall RAG of the newest status report.'),
      c('LatestStatusDate', 'Edm.Date', 'Date of the newest status report.'),
      c('DaysSinceLastReport', 'Edm.Int32', 'Days since the newest status report.'),
      c('StatusStale', 'Edm.Boolean', 'No report, or the newest is older than the cadence.'),
      c('LeadEmail', 'Edm.String', "Project lead's work email."),
      c('LeadName', 'Edm.String', "Project lead's display name (directory)."),
      c('LeadDepartment', 'Edm.String', "Project lead's department (directory)."),
      c('SponsorEmail', 'Edm.String', "Executive sponsor's work email."),
      c('SponsorName', 'Edm.String', "Executive sponsor's display name."),
      c('Url', 'Edm.String', 'The project in the Jira UI.'),
    ],
    rows: (p) => [
      {
        Id: `Project:${p.key}`,
        Key: p.key,
        Name: p.name,
        Category: p.category ?? null,
        Phase: p.phase ?? null,
        Priority: p.priority ?? null,
        PlannedStart: p.plannedStart ?? null,
        PlannedEnd: p.plannedEnd ?? null,
        Health: p.health?.overall ?? null,
        HealthOverridden: p.health?.override?.active ?? false,
        DeliveryHealth: p.deliveryHealth?.overall ?? null,
        ScheduleHealth: p.deliveryHealth?.schedule ?? null,
        ScopeHealth: p.deliveryHealth?.scope ?? null,
        OperationalHealth: p.operationalHealth?.rag ?? null,
        LatestStatus: p.latestStatus?.overall ?? null,
        LatestStatusDate: p.latestStatus?.statusDate ?? null,
        DaysSinceLastReport: p.statusFreshness?.daysSinceLastReport ?? null,
        StatusStale: p.statusFreshness?.stale ?? null,
        LeadEmail: p.lead?.email ?? null,
        LeadName: p.lead?.displayName ?? null,
        LeadDepartment: p.lead?.department ?? null,
        SponsorEmail: p.sponsor?.email ?? null,
        SponsorName: p.sponsor?.displayName ?? null,
        Url: p.url,
      },
    ],
  },
  {
    name: 'Issues',
    entityType: 'Issue',
    description: 'Jira issues of every project (but the PMO reports project), ordered by key, with the assignee\'s department.',
    operation: 'BiIssues',
    root: 'issues',
    updatedSince: 'Updated',
    equalityArguments: { ProjectKey: 'projectKey' },
    columns: [
      ID('Issue:<key>'),
      c('Key', 'Edm.String', 'Jira issue key.'),
      c('ProjectKey', 'Edm.String', 'Jira project key.'),
      c('Summary', 'Edm.String', 'Summary.'),
      c('Type', 'Edm.String', 'Issue type: Epic, Story, Bug, Sub-task, …'),
      c('Status', 'Edm.String', 'Workflow status name.'),
      c('StatusCategory', 'Edm.String', 'TO_DO, IN_PROGRESS or DONE.'),
      c('Priority', 'Edm.String', 'Priority name.'),
      c('StoryPoints', 'Edm.Double', 'Story point estimate.'),
      c('DueDate', 'Edm.Date', 'Due date.'),
      c('Created', 'Edm.DateTimeOffset', 'When the issue was created.'),
      c('Updated', 'Edm.DateTimeOffset', 'Last update (incremental refresh column).'),
      c('Resolved', 'Edm.DateTimeOffset', 'When the issue was resolved.'),
      c('AssigneeEmail', 'Edm.String', "Assignee's work email."),
      c('AssigneeName', 'Edm.String', "Assignee's display name (directory)."),
      c('AssigneeDepartment', 'Edm.String', "Assignee's department (directory)."),
      c('ReporterEmail', 'Edm.String', "Reporter's work email."),
      c('Url', 'Edm.String', 'The issue in the Jira UI.'),
    ],
    rows: (i) => [
      {
        Id: `Issue:${i.key}`,
        Key: i.key,
        ProjectKey: i.project?.key ?? null,
        Summary: i.summary,
        Type: i.type,
        Status: i.status,
        StatusCategory: i.statusCategory,
        Priority: i.priority ?? null,
        StoryPoints: i.storyPoints ?? null,
        DueDate: i.dueDate ?? null,
        Created: i.created,
        Updated: i.updated,
        Resolved: i.resolved ?? null,
        AssigneeEmail: i.assignee?.email ?? null,
        AssigneeName: i.assignee?.displayName ?? null,
        AssigneeDepartment: i.assignee?.department ?? null,
        ReporterEmail: i.reporter?.email ?? null,
        Url: i.url,
      },
    ],
  },
  {
    name: 'Incidents',
    entityType: 'Incident',
    description: 'ServiceNow incidents, newest first.',
    operation: 'BiIncidents',
    root: 'incidents',
    updatedSince: 'UpdatedAt',
    columns: ticketColumns('Incident'),
    rows: (t) => [ticketRow('Incident', t)],
  },
  {
    name: 'Changes',
    entityType: 'ChangeRequest',
    description: 'ServiceNow change requests, newest first.',
    operation: 'BiChanges',
    root: 'changes',
    updatedSince: 'UpdatedAt',
    columns: [
      ...ticketColumns('ChangeRequest'),
      c('ChangeType', 'Edm.String', 'standard, normal or emergency.'),
      c('Risk', 'Edm.String', 'Risk level of the change.'),
      c('PlannedStart', 'Edm.DateTimeOffset', 'Planned start of the change window.'),
      c('PlannedEnd', 'Edm.DateTimeOffset', 'Planned end of the change window.'),
      c('CloseCode', 'Edm.String', 'How the change went, once closed.'),
    ],
    rows: (t) => [
      {
        ...ticketRow('ChangeRequest', t),
        ChangeType: t.type ?? null,
        Risk: t.risk ?? null,
        PlannedStart: t.plannedStart ?? null,
        PlannedEnd: t.plannedEnd ?? null,
        CloseCode: t.closeCode ?? null,
      },
    ],
  },
  {
    name: 'Problems',
    entityType: 'Problem',
    description: 'ServiceNow problems, newest first.',
    operation: 'BiProblems',
    root: 'problems',
    updatedSince: 'UpdatedAt',
    columns: ticketColumns('Problem'),
    rows: (t) => [ticketRow('Problem', t)],
  },
  {
    name: 'People',
    entityType: 'Person',
    description: "The directory's work profiles, in the directory's order (no sensitive fields).",
    operation: 'BiPeople',
    root: 'people',
    columns: [
      ID('Person:<email>'),
      c('Email', 'Edm.String', 'Lower-cased work email.'),
      c('DisplayName', 'Edm.String', 'Display name.'),
      c('GivenName', 'Edm.String', 'Given name.'),
      c('FamilyName', 'Edm.String', 'Family name.'),
      c('Title', 'Edm.String', 'Job title.'),
      c('Department', 'Edm.String', 'Department.'),
      c('Division', 'Edm.String', 'Division.'),
      c('Location', 'Edm.String', 'Office location.'),
      c('Active', 'Edm.Boolean', 'Whether the directory account is active.'),
      c('ManagerEmail', 'Edm.String', "Manager's work email."),
    ],
    rows: (p) => [
      {
        Id: `Person:${p.email}`,
        Email: p.email,
        DisplayName: p.displayName ?? null,
        GivenName: p.givenName ?? null,
        FamilyName: p.familyName ?? null,
        Title: p.title ?? null,
        Department: p.department ?? null,
        Division: p.division ?? null,
        Location: p.location ?? null,
        Active: p.active ?? null,
        ManagerEmail: p.manager?.email ?? null,
      },
    ],
  },
  {
    name: 'Staffing',
    entityType: 'Staffing',
    description: 'Person × project × role × allocation, from the PMO staffing recorded on each project.',
    operation: 'BiStaffing',
    root: 'projects',
    fansOut: true,
    columns: [
      ID('Staffing:<project key>:<email>:<role>'),
      c('ProjectKey', 'Edm.String', 'Jira project key.'),
      c('ProjectName', 'Edm.String', 'Project name.'),
      c('ProjectPhase', 'Edm.String', 'Lifecycle phase of the project.'),
      c('PersonEmail', 'Edm.String', "The person's work email."),
      c('PersonName', 'Edm.String', "The person's display name (directory)."),
      c('PersonDepartment', 'Edm.String', "The person's department (directory)."),
      c('Role', 'Edm.String', 'Role on the project.'),
      c('Allocation', 'Edm.Int32', 'Planned share of the person\'s time, in percent.'),
    ],
    rows: (p) =>
      (p.team ?? []).map((m: Node) => ({
        Id: `Staffing:${p.key}:${m.person.email}:${m.role}`,
        ProjectKey: p.key,
        ProjectName: p.name,
        ProjectPhase: p.phase ?? null,
        PersonEmail: m.person.email,
        PersonName: m.person.displayName ?? null,
        PersonDepartment: m.person.department ?? null,
        Role: m.role,
        Allocation: m.allocation ?? null,
      })),
  },
  {
    name: 'StatusReports',
    entityType: 'StatusReport',
    description: 'Every status report filed, newest first within each project.',
    operation: 'BiStatusReports',
    root: 'projects',
    fansOut: true,
    columns: [
      ID('StatusReport:<report issue key>'),
      c('ReportKey', 'Edm.String', 'The report issue key in Jira.'),
      c('ProjectKey', 'Edm.String', 'Jira project key.'),
      c('ProjectName', 'Edm.String', 'Project name.'),
      c('StatusDate', 'Edm.Date', 'The day the status describes.'),
      c('SubmittedAt', 'Edm.DateTimeOffset', 'When the report was filed.'),
      c('Overall', 'Edm.String', 'Overall RAG.'),
      c('Schedule', 'Edm.String', 'Schedule RAG.'),
      c('Scope', 'Edm.String', 'Scope RAG.'),
      c('Cost', 'Edm.String', 'Cost RAG.'),
      c('Resources', 'Edm.String', 'Resources RAG.'),
      c('Summary', 'Edm.String', 'Summary text.'),
      c('AuthorEmail', 'Edm.String', "Author's work email."),
      c('AuthorName', 'Edm.String', "Author's display name."),
      c('Url', 'Edm.String', 'The report issue in the Jira UI.'),
    ],
    rows: (p) =>
      (p.statusReports ?? []).map((r: Node) => ({
        Id: `StatusReport:${r.id}`,
        ReportKey: r.id,
        ProjectKey: p.key,
        ProjectName: p.name,
        StatusDate: r.statusDate,
        SubmittedAt: r.submittedAt,
        Overall: r.overall,
        Schedule: r.schedule ?? null,
        Scope: r.scope ?? null,
        Cost: r.cost ?? null,
        Resources: r.resources ?? null,
        Summary: r.summary,
        AuthorEmail: r.author?.email ?? null,
        AuthorName: r.author?.displayName ?? null,
        Url: r.url,
      })),
  },
];

export const TABLES_BY_NAME = new Map(TABLES.map((t) => [t.name, t]));
