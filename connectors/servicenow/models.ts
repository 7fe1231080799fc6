/** Domain objects the ServiceNow connector returns. Raw Table API JSON never leaves connectors/servicenow. */

export type TicketTable = 'incident' | 'change_request' | 'sc_req_item' | 'problem';

/**
 * A coded choice field: the stored value and its display label (the instance's own when it sent one, else the
 * out-of-box label for the value; null when neither is known).
 */
export interface Choice {
  value: string;
  label: string | null;
}

export interface Ticket {
  table: TicketTable;
  sysId: string;
  number: string;
  shortDescription: string;
  state: Choice;
  priority: Choice;
  /** Lower-cased email of the assignee (dot-walked `assigned_to.email`), null when unassigned. */
  assignedToEmail: string | null;
  assignmentGroup: string | null;
  /** ISO 8601 UTC instants. */
  openedAt: string | null;
  updatedAt: string | null;
  closedAt: string | null;
  correlationId: string | null;
  /**
   * The value of the field that links the ticket to a Jira project (the connector's `projectLinkField`,
   * `correlation_id` unless configured otherwise); null when empty.
   */
  projectLink: string | null;
  /** Link to the record in the ServiceNow UI. */
  url: string;
  /** change_request only */
  changeType: string | null;
  risk: Choice | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  closeCode: Choice | null;
}

export interface TicketPage {
  records: Ticket[];
  /** From X-Total-Count; null when the instance did not send it. */
  total: number | null;
}
