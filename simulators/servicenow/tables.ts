import { createHash } from 'node:crypto';
import type { Dataset, DemoTicket, TicketTable } from '../data/dataset';

/**
 * The instance's tables, rendered once from the data set as ServiceNow stores them: every value a string
 * (references hold the target's sys_id, empty values are ""), each field typed so queries compare, sort and
 * display it as the platform would.
 */

export interface FieldDef {
  type: 'string' | 'glide_date_time' | 'boolean' | 'choice' | 'reference';
  /** Choice fields: stored value → display label. */
  choices?: Readonly<Record<string, string>>;
  /** Integer-backed fields (state, priority, …) compare and sort as numbers. */
  numeric?: boolean;
  /** Reference fields: the target table. */
  reference?: string;
}

export type SnowRecord = Readonly<Record<string, string>>;

export interface Table {
  name: string;
  /** The field a reference to this table displays. */
  displayField: string;
  /** In declaration order: the order a record renders in when no sysparm_fields is given. */
  fields: Readonly<Record<string, FieldDef>>;
  records: readonly SnowRecord[];
  byId: ReadonlyMap<string, SnowRecord>;
}

export type Tables = ReadonlyMap<string, Table>;

/** A possibly dot-walked field (`assigned_to.email`) resolved against a table. */
export interface FieldPath {
  path: string;
  /** The definition of the last field of the walk. */
  def: FieldDef;
  /** The stored value at the end of the walk; "" when a reference on the way is empty. */
  get(record: SnowRecord): string;
}

const STRING: FieldDef = { type: 'string' };
const DATE: FieldDef = { type: 'glide_date_time' };
const BOOLEAN: FieldDef = { type: 'boolean' };
const ref = (table: string): FieldDef => ({ type: 'reference', reference: table });
const choice = (choices: Record<string, string>, numeric = true): FieldDef => ({ type: 'choice', choices, numeric });

const STATE_LABELS: Readonly<Record<TicketTable, Readonly<Record<string, string>>>> = {
  incident: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
  change_request: {
    '-5': 'New', '-4': 'Assess', '-3': 'Authorize', '-2': 'Scheduled', '-1': 'Implement', '0': 'Review', '3': 'Closed', '4': 'Canceled',
  },
  problem: { '101': 'New', '102': 'Assess', '103': 'Root Cause Analysis', '104': 'Fix in Progress', '106': 'Resolved', '107': 'Closed' },
  sc_req_item: { '-5': 'Pending', '1': 'Open', '2': 'Work in Progress', '3': 'Closed Complete', '4': 'Closed Incomplete', '7': 'Closed Skipped' },
};

/** States in which the platform sets `active=false` and stamps `closed_at`. */
const CLOSED_STATES: Readonly<Record<TicketTable, readonly string[]>> = {
  incident: ['7', '8'],
  change_request: ['3', '4'],
  problem: ['107'],
  sc_req_item: ['3', '4', '7'],
};

const isClosedState = (table: TicketTable, state: string): boolean => CLOSED_STATES[table].includes(state);

const PRIORITY = choice({ '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' });
const IMPACT = choice({ '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' });
const RISK = choice({ '1': 'Very High', '2': 'High', '3': 'Moderate', '4': 'Low' });
const CHANGE_TYPE = choice({ standard: 'Standard', normal: 'Normal', emergency: 'Emergency' }, false);
const CLOSE_CODE = choice({ successful: 'Successful', successful_issues: 'Successful with issues', unsuccessful: 'Unsuccessful' }, false);
const STAGE = choice(
  {
    waiting_for_approval: 'Waiting for Approval', request_approved: 'Request Approved', fulfillment: 'Fulfillment',
    complete: 'Completed', 'Request Cancelled': 'Request Cancelled',
  },
  false,
);
const STAGE_FOR_STATE: Readonly<Record<string, string>> = {
  '-5': 'waiting_for_approval', '1': 'request_approved', '2': 'fulfillment', '3': 'complete', '4': 'Request Cancelled', '7': 'complete',
};
/** The OOB priority lookup (impact × urgency → priority), inverted so each priority gets a plausible pair. */
const IMPACT_URGENCY: Readonly<Record<string, [string, string]>> = {
  '1': ['1', '1'], '2': ['1', '2'], '3': ['2', '2'], '4': ['2', '3'], '5': ['3', '3'],
};

const TASK_FIELDS: Record<string, FieldDef> = {
  sys_id: STRING,
  number: STRING,
  short_description: STRING,
  // Each table replaces this with its own choice list; declared here to keep the platform's field order.
  state: STRING,
  priority: PRIORITY,
  assigned_to: ref('sys_user'),
  assignment_group: ref('sys_user_group'),
  opened_at: DATE,
  sys_created_on: DATE,
  sys_updated_on: DATE,
  closed_at: DATE,
  correlation_id: STRING,
  active: BOOLEAN,
};

const TICKET_FIELDS: Readonly<Record<TicketTable, Record<string, FieldDef>>> = {
  incident: {
    ...TASK_FIELDS, state: choice(STATE_LABELS.incident), incident_state: choice(STATE_LABELS.incident),
    impact: IMPACT, urgency: IMPACT, resolved_at: DATE,
  },
  change_request: {
    ...TASK_FIELDS, state: choice(STATE_LABELS.change_request),
    type: CHANGE_TYPE, risk: RISK, start_date: DATE, end_date: DATE, close_code: CLOSE_CODE,
  },
  problem: { ...TASK_FIELDS, state: choice(STATE_LABELS.problem), problem_state: choice(STATE_LABELS.problem) },
  sc_req_item: { ...TASK_FIELDS, state: choice(STATE_LABELS.sc_req_item), stage: STAGE, request: ref('sc_request') },
};

/** Deterministic 32-hex ids for records the data set has no id for (departments, parent requests). */
const derivedSysId = (seed: string): string => createHash('md5').update(seed).digest('hex');

function table(name: string, displayField: string, fields: Record<string, FieldDef>, records: SnowRecord[]): Table {
  return { name, displayField, fields, records, byId: new Map(records.map((r) => [r.sys_id, r])) };
}

export function buildTables(dataset: Dataset): Tables {
  const sysIdByScimId = new Map(dataset.people.map((p) => [p.scimId, p.snowSysId]));
  const departments = [...new Set(dataset.people.map((p) => p.department))].map((name) => ({
    sys_id: derivedSysId(`cmn_department:${name}`),
    name,
  }));
  const departmentId = new Map(departments.map((d) => [d.name, d.sys_id]));

  const users: SnowRecord[] = dataset.people.map((p) => ({
    sys_id: p.snowSysId,
    user_name: p.email.split('@')[0],
    first_name: p.givenName,
    last_name: p.familyName,
    name: p.displayName,
    email: p.snowEmail,
    title: p.title,
    department: departmentId.get(p.department) ?? '',
    manager: (p.managerId && sysIdByScimId.get(p.managerId)) || '',
    employee_number: p.employeeNumber,
    phone: p.phone,
    active: String(p.active),
  }));

  const groups = new Map<string, SnowRecord>();
  for (const t of dataset.tickets) {
    if (!groups.has(t.assignmentGroupId)) groups.set(t.assignmentGroupId, { sys_id: t.assignmentGroupId, name: t.assignmentGroup, active: 'true' });
  }

  const byTable = (name: TicketTable) => dataset.tickets.filter((t) => t.table === name);
  const ticket = (t: DemoTicket): Record<string, string> => {
    const closed = isClosedState(t.table, t.state);
    return {
      sys_id: t.sysId,
      number: t.number,
      short_description: t.shortDescription,
      state: t.state,
      priority: t.priority,
      assigned_to: (t.assignedToId && sysIdByScimId.get(t.assignedToId)) || '',
      assignment_group: t.assignmentGroupId,
      opened_at: t.openedAt,
      sys_created_on: t.openedAt,
      sys_updated_on: t.updatedAt,
      // The data set stamps closedAt by state code alone; only the table's own closed states carry it here.
      closed_at: closed ? (t.closedAt ?? t.updatedAt) : '',
      correlation_id: t.correlationId,
      active: String(!closed),
    };
  };

  const requestItems = byTable('sc_req_item');
  const requests: SnowRecord[] = requestItems.map((t) => ({
    sys_id: derivedSysId(`sc_request:${t.sysId}`),
    number: t.number.replace(/^RITM/, 'REQ'),
    short_description: t.shortDescription,
    opened_at: t.openedAt,
    sys_updated_on: t.updatedAt,
    active: String(!isClosedState('sc_req_item', t.state)),
  }));

  const tables: Table[] = [
    table('incident', 'number', TICKET_FIELDS.incident, byTable('incident').map((t) => {
      const [impact, urgency] = IMPACT_URGENCY[t.priority] ?? ['2', '2'];
      return { ...ticket(t), incident_state: t.state, impact, urgency, resolved_at: ['6', '7'].includes(t.state) ? t.updatedAt : '' };
    })),
    table('change_request', 'number', TICKET_FIELDS.change_request, byTable('change_request').map((t) => ({
      ...ticket(t),
      type: t.changeType ?? 'normal',
      risk: t.risk ?? '',
      start_date: t.startDate ?? '',
      end_date: t.endDate ?? '',
      close_code: t.closeCode ?? '',
    }))),
    table('problem', 'number', TICKET_FIELDS.problem, byTable('problem').map((t) => ({ ...ticket(t), problem_state: t.state }))),
    table('sc_req_item', 'number', TICKET_FIELDS.sc_req_item, requestItems.map((t, i) => ({
      ...ticket(t),
      stage: STAGE_FOR_STATE[t.state] ?? '',
      request: requests[i].sys_id,
    }))),
    table('sc_request', 'number', {
      sys_id: STRING, number: STRING, short_description: STRING, opened_at: DATE, sys_updated_on: DATE, active: BOOLEAN,
    }, requests),
    table('sys_user', 'name', {
      sys_id: STRING, user_name: STRING, first_name: STRING, last_name: STRING, name: STRING, email: STRING, title: STRING,
      department: ref('cmn_department'), manager: ref('sys_user'), employee_number: STRING, phone: STRING, active: BOOLEAN,
    }, users),
    table('sys_user_group', 'name', { sys_id: STRING, name: STRING, active: BOOLEAN }, [...groups.values()]),
    table('cmn_department', 'name', { sys_id: STRING, name: STRING }, departments),
  ];
  return new Map(tables.map((t) => [t.name, t]));
}

/** Resolves `field` or a dot-walk `ref.ref.field`; undefined when any step is not a field of its table. */
export function fieldPath(tables: Tables, start: Table, path: string): FieldPath | undefined {
  const steps: Array<{ name: string; def: FieldDef }> = [];
  let current: Table | undefined = start;
  for (const name of path.split('.')) {
    const def: FieldDef | undefined = current && Object.hasOwn(current.fields, name) ? current.fields[name] : undefined;
    if (!def) return undefined;
    steps.push({ name, def });
    current = def.reference ? tables.get(def.reference) : undefined;
  }
  return {
    path,
    def: steps[steps.length - 1].def,
    get(record) {
      let rec: SnowRecord | undefined = record;
      for (let i = 0; i < steps.length - 1; i++) {
        const target = tables.get(steps[i].def.reference!);
        rec = target?.byId.get(rec[steps[i].name] ?? '');
        if (!rec) return '';
      }
      return rec[steps[steps.length - 1].name] ?? '';
    },
  };
}

/** What the platform shows for a stored value: the choice label, or the referenced record's display field. */
export function displayValue(tables: Tables, def: FieldDef, value: string): string {
  if (value === '') return '';
  if (def.type === 'choice') return def.choices?.[value] ?? value;
  if (def.type === 'reference') {
    const target = tables.get(def.reference!);
    return target?.byId.get(value)?.[target.displayField] ?? '';
  }
  return value;
}
