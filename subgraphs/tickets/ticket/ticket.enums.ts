import { registerEnumType } from 'type-graphql';
import type { TicketTable } from '../../../connectors/servicenow/models';

/** One state vocabulary for every ticket table, so `Ticket.state` has one type; each table uses its subset. */
export enum TicketState {
  NEW = 'NEW',
  IN_PROGRESS = 'IN_PROGRESS',
  ON_HOLD = 'ON_HOLD',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  CANCELED = 'CANCELED',
  ASSESS = 'ASSESS',
  AUTHORIZE = 'AUTHORIZE',
  SCHEDULED = 'SCHEDULED',
  IMPLEMENT = 'IMPLEMENT',
  REVIEW = 'REVIEW',
  ROOT_CAUSE_ANALYSIS = 'ROOT_CAUSE_ANALYSIS',
  FIX_IN_PROGRESS = 'FIX_IN_PROGRESS',
  PENDING = 'PENDING',
  OPEN = 'OPEN',
  WORK_IN_PROGRESS = 'WORK_IN_PROGRESS',
  CLOSED_COMPLETE = 'CLOSED_COMPLETE',
  CLOSED_INCOMPLETE = 'CLOSED_INCOMPLETE',
  CLOSED_SKIPPED = 'CLOSED_SKIPPED',
  UNKNOWN = 'UNKNOWN',
}

export enum TicketPriority {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MODERATE = 'MODERATE',
  LOW = 'LOW',
  PLANNING = 'PLANNING',
  UNKNOWN = 'UNKNOWN',
}

export enum ChangeRisk {
  VERY_HIGH = 'VERY_HIGH',
  HIGH = 'HIGH',
  MODERATE = 'MODERATE',
  LOW = 'LOW',
  UNKNOWN = 'UNKNOWN',
}

export enum ChangeCloseCode {
  SUCCESSFUL = 'SUCCESSFUL',
  SUCCESSFUL_WITH_ISSUES = 'SUCCESSFUL_WITH_ISSUES',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(TicketState, {
  name: 'TicketState',
  description: 'ServiceNow state codes of incident, change_request, problem and sc_req_item, by name.',
  valuesConfig: {
    NEW: { description: 'New (incident 1, change -5, problem 101).' },
    IN_PROGRESS: { description: 'In Progress (incident 2).' },
    ON_HOLD: { description: 'On Hold (incident 3).' },
    RESOLVED: { description: 'Resolved (incident 6, problem 106).' },
    CLOSED: { description: 'Closed (incident 7, change 3, problem 107).' },
    CANCELED: { description: 'Canceled (incident 8, change 4).' },
    ASSESS: { description: 'Assess (change -4, problem 102).' },
    AUTHORIZE: { description: 'Authorize (change -3).' },
    SCHEDULED: { description: 'Scheduled (change -2).' },
    IMPLEMENT: { description: 'Implement (change -1).' },
    REVIEW: { description: 'Review (change 0).' },
    ROOT_CAUSE_ANALYSIS: { description: 'Root Cause Analysis (problem 103).' },
    FIX_IN_PROGRESS: { description: 'Fix in Progress (problem 104).' },
    PENDING: { description: 'Pending (requested item -5).' },
    OPEN: { description: 'Open (requested item 1).' },
    WORK_IN_PROGRESS: { description: 'Work in Progress (requested item 2).' },
    CLOSED_COMPLETE: { description: 'Closed Complete (requested item 3).' },
    CLOSED_INCOMPLETE: { description: 'Closed Incomplete (requested item 4).' },
    CLOSED_SKIPPED: { description: 'Closed Skipped (requested item 7).' },
    UNKNOWN: { description: 'A state code the instance added.' },
  },
});
registerEnumType(TicketPriority, {
  name: 'TicketPriority',
  description: 'ServiceNow priority 1 (Critical) … 5 (Planning).',
  valuesConfig: {
    CRITICAL: { description: '1 - Critical.' },
    HIGH: { description: '2 - High.' },
    MODERATE: { description: '3 - Moderate.' },
    LOW: { description: '4 - Low.' },
    PLANNING: { description: '5 - Planning.' },
    UNKNOWN: { description: 'A priority code the instance added.' },
  },
});
registerEnumType(ChangeRisk, {
  name: 'ChangeRisk',
  description: 'change_request.risk: 1 Very High, 2 High, 3 Moderate, 4 Low; UNKNOWN for a code the instance added.',
  valuesConfig: {
    VERY_HIGH: { description: '1 - Very High.' },
    HIGH: { description: '2 - High.' },
    MODERATE: { description: '3 - Moderate.' },
    LOW: { description: '4 - Low.' },
    UNKNOWN: { description: 'A risk code the instance added.' },
  },
});
registerEnumType(ChangeCloseCode, {
  name: 'ChangeCloseCode',
  description: 'change_request.close_code: successful, successful_issues, unsuccessful; UNKNOWN for a code the instance added.',
  valuesConfig: {
    SUCCESSFUL: { description: 'successful: implemented as planned.' },
    SUCCESSFUL_WITH_ISSUES: { description: 'successful_issues: implemented, with issues.' },
    UNSUCCESSFUL: { description: 'unsuccessful: failed or backed out.' },
    UNKNOWN: { description: 'A close code the instance added.' },
  },
});

/** Out-of-the-box ServiceNow state codes per table. */
export const STATE_CODES: Record<TicketTable, ReadonlyArray<readonly [string, TicketState]>> = {
  incident: [['1', TicketState.NEW], ['2', TicketState.IN_PROGRESS], ['3', TicketState.ON_HOLD], ['6', TicketState.RESOLVED], ['7', TicketState.CLOSED], ['8', TicketState.CANCELED]],
  change_request: [['-5', TicketState.NEW], ['-4', TicketState.ASSESS], ['-3', TicketState.AUTHORIZE], ['-2', TicketState.SCHEDULED], ['-1', TicketState.IMPLEMENT], ['0', TicketState.REVIEW], ['3', TicketState.CLOSED], ['4', TicketState.CANCELED]],
  problem: [['101', TicketState.NEW], ['102', TicketState.ASSESS], ['103', TicketState.ROOT_CAUSE_ANALYSIS], ['104', TicketState.FIX_IN_PROGRESS], ['106', TicketState.RESOLVED], ['107', TicketState.CLOSED]],
  sc_req_item: [['-5', TicketState.PENDING], ['1', TicketState.OPEN], ['2', TicketState.WORK_IN_PROGRESS], ['3', TicketState.CLOSED_COMPLETE], ['4', TicketState.CLOSED_INCOMPLETE], ['7', TicketState.CLOSED_SKIPPED]],
};

/** States after which a ticket needs no more work. */
export const CLOSED_STATES: ReadonlySet<TicketState> = new Set([
  TicketState.RESOLVED, TicketState.CLOSED, TicketState.CANCELED, TicketState.CLOSED_COMPLETE, TicketState.CLOSED_INCOMPLETE, TicketState.CLOSED_SKIPPED,
]);

const PRIORITY_CODES: ReadonlyArray<readonly [string, TicketPriority]> = [
  ['1', TicketPriority.CRITICAL], ['2', TicketPriority.HIGH], ['3', TicketPriority.MODERATE], ['4', TicketPriority.LOW], ['5', TicketPriority.PLANNING],
];

const RISK_CODES: ReadonlyArray<readonly [string, ChangeRisk]> = [
  ['1', ChangeRisk.VERY_HIGH], ['2', ChangeRisk.HIGH], ['3', ChangeRisk.MODERATE], ['4', ChangeRisk.LOW],
];

const CLOSE_CODES: ReadonlyArray<readonly [string, ChangeCloseCode]> = [
  ['successful', ChangeCloseCode.SUCCESSFUL], ['successful_issues', ChangeCloseCode.SUCCESSFUL_WITH_ISSUES], ['unsuccessful', ChangeCloseCode.UNSUCCESSFUL],
];

export const riskOf = (code: string): ChangeRisk => RISK_CODES.find(([c]) => c === code)?.[1] ?? ChangeRisk.UNKNOWN;

export const closeCodeOf = (code: string): ChangeCloseCode => CLOSE_CODES.find(([c]) => c === code)?.[1] ?? ChangeCloseCode.UNKNOWN;

/** The codes of the states in which `table`'s tickets still need work. */
export const openStateCodes = (table: TicketTable): string[] => STATE_CODES[table].filter(([, s]) => !CLOSED_STATES.has(s)).map(([code]) => code);

export const stateOf = (table: TicketTable, code: string): TicketState =>
  STATE_CODES[table].find(([c]) => c === code)?.[1] ?? TicketState.UNKNOWN;

export const priorityOf = (code: string): TicketPriority => PRIORITY_CODES.find(([c]) => c === code)?.[1] ?? TicketPriority.UNKNOWN;

export const priorityCode = (priority: TicketPriority): string | undefined => PRIORITY_CODES.find(([, p]) => p === priority)?.[0];

/** The codes of `states` in `table`; a state the table does not have is a caller error. */
export function stateCodes(table: TicketTable, states: readonly TicketState[]): string[] | { invalid: TicketState[] } {
  const known = STATE_CODES[table];
  const invalid = states.filter((s) => !known.some(([, state]) => state === s));
  if (invalid.length) return { invalid };
  return known.filter(([, state]) => states.includes(state)).map(([code]) => code);
}
