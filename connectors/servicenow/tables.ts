import type { Ticket, TicketTable } from './models';
import type { RawRecord } from './raw';
import { choice, dateTime, email, referenceDisplay, text, type ChoiceList } from './values';

/**
 * Per ticket table: the columns a Ticket needs (asked for with `sysparm_fields`, nothing more) and the mapping
 * from a record to a Ticket. The choice lists are the out-of-box ones (UPSTREAM.md B3); they only fill in
 * what a `false`- or `true`-mode response leaves out, an instance's own labels always win.
 */

const TASK_FIELDS = [
  'sys_id', 'number', 'short_description', 'state', 'priority', 'assigned_to.email', 'assignment_group',
  'opened_at', 'sys_updated_on', 'closed_at', 'correlation_id',
] as const;

export const TICKET_FIELDS: Readonly<Record<TicketTable, readonly string[]>> = {
  incident: TASK_FIELDS,
  change_request: [...TASK_FIELDS, 'type', 'risk', 'start_date', 'end_date', 'close_code'],
  sc_req_item: TASK_FIELDS,
  problem: TASK_FIELDS,
};

const STATES: Readonly<Record<TicketTable, ChoiceList>> = {
  incident: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
  change_request: {
    '-5': 'New', '-4': 'Assess', '-3': 'Authorize', '-2': 'Scheduled', '-1': 'Implement', '0': 'Review', '3': 'Closed', '4': 'Canceled',
  },
  problem: { '101': 'New', '102': 'Assess', '103': 'Root Cause Analysis', '104': 'Fix in Progress', '106': 'Resolved', '107': 'Closed' },
  sc_req_item: { '-5': 'Pending', '1': 'Open', '2': 'Work in Progress', '3': 'Closed Complete', '4': 'Closed Incomplete', '7': 'Closed Skipped' },
};
const PRIORITIES: ChoiceList = { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' };
const RISKS: ChoiceList = { '1': 'Very High', '2': 'High', '3': 'Moderate', '4': 'Low' };
const CHANGE_TYPES: ChoiceList = { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' };
const CLOSE_CODES: ChoiceList = { successful: 'Successful', successful_issues: 'Successful with issues', unsuccessful: 'Unsuccessful' };

/** The columns to ask for: the table's own plus the project link field when it is another one. */
export function ticketFields(table: TicketTable, projectLinkField: string): string[] {
  const own = TICKET_FIELDS[table];
  return own.includes(projectLinkField) ? [...own] : [...own, projectLinkField];
}

export function toTicket(table: TicketTable, raw: RawRecord, baseUrl: string, projectLinkField = 'correlation_id'): Ticket {
  const sysId = text(raw.sys_id) ?? '';
  const change = table === 'change_request';
  return {
    table,
    sysId,
    number: text(raw.number) ?? '',
    shortDescription: text(raw.short_description) ?? '',
    state: choice(raw.state, STATES[table]) ?? { value: '', label: null },
    priority: choice(raw.priority, PRIORITIES) ?? { value: '', label: null },
    assignedToEmail: email(raw['assigned_to.email']),
    assignmentGroup: referenceDisplay(raw.assignment_group),
    openedAt: dateTime(raw.opened_at),
    updatedAt: dateTime(raw.sys_updated_on),
    closedAt: dateTime(raw.closed_at),
    correlationId: text(raw.correlation_id),
    projectLink: text(raw[projectLinkField]),
    url: `${baseUrl}/nav_to.do?uri=${table}.do?sys_id=${sysId}`,
    changeType: change ? (choice(raw.type, CHANGE_TYPES)?.value ?? null) : null,
    risk: change ? choice(raw.risk, RISKS) : null,
    plannedStart: change ? dateTime(raw.start_date) : null,
    plannedEnd: change ? dateTime(raw.end_date) : null,
    closeCode: change ? choice(raw.close_code, CLOSE_CODES) : null,
  };
}
