import { Directive, Field, ID, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';
import type { Ticket as SnowTicket, TicketTable } from '../../../connectors/servicenow/models';
import { ConnectionType } from '../../common/pagination';
import { DateTimeScalar } from '../../common/scalars';
import { PersonRef } from '../person/person.type';
import { ChangeCloseCode, ChangeRisk, closeCodeOf, priorityOf, riskOf, stateOf, TicketPriority, TicketState } from './ticket.enums';

@InterfaceType({
  description: 'A ServiceNow record: incident, change request, requested item or problem.',
  resolveType: (ticket: Ticket) => TYPE_BY_TABLE[ticket.source.table],
})
export abstract class Ticket {
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId(TYPE_BY_TABLE[this.source.table], this.number);
  }

  @Field({ description: 'The record number, e.g. INC0010001; its prefix says the table.' })
  number!: string;

  @Field({ description: 'The one-line summary (short_description).' })
  shortDescription!: string;

  @Field(() => TicketState, { description: 'The state by name (the code mapped per table).' })
  state!: TicketState;

  @Field(() => String, { nullable: true, description: "The state's display label on the instance." })
  stateLabel!: string | null;

  @Field(() => TicketPriority, { description: 'Priority 1 (Critical) to 5 (Planning).' })
  priority!: TicketPriority;

  @Field(() => String, { nullable: true, description: "The priority's display label on the instance, e.g. 1 - Critical." })
  priorityLabel!: string | null;

  @Field(() => PersonRef, { nullable: true, description: 'The assignee (assigned_to), as a Person by email; null when unassigned or without an email.' })
  assignedTo!: PersonRef | null;

  @Field(() => String, { nullable: true, description: "The assignment group's name; null when none." })
  assignmentGroup!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the record was opened (opened_at).' })
  openedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the record last changed (sys_updated_on): the stamp updatedSince and updatedBefore compare.' })
  updatedAt!: string | null;

  @Field({ description: 'The record in the ServiceNow UI.' })
  url!: string;

  /** The connector's object (not exposed). */
  source!: SnowTicket;
}

@Directive('@key(fields: "number")')
@ObjectType({ implements: Ticket, description: 'An incident (incident).' })
export class Incident extends Ticket {}

@Directive('@key(fields: "number")')
@ObjectType({ implements: Ticket, description: 'A change request (change_request).' })
export class ChangeRequest extends Ticket {
  @Field(() => String, { nullable: true, description: 'standard, normal or emergency.' })
  type!: string | null;

  @Field(() => ChangeRisk, { nullable: true, description: 'Null when the change has no risk set.' })
  risk!: ChangeRisk | null;

  @Field(() => String, { nullable: true, description: "The risk's display label on the instance, e.g. Moderate." })
  riskLabel!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the planned change window (start_date).' })
  plannedStart!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the planned change window (end_date).' })
  plannedEnd!: string | null;

  @Field(() => ChangeCloseCode, { nullable: true, description: 'How the change went, once closed; null before.' })
  closeCode!: ChangeCloseCode | null;

  @Field(() => String, { nullable: true, description: "The close code's display label on the instance, e.g. Successful with issues." })
  closeCodeLabel!: string | null;
}

@Directive('@key(fields: "number")')
@ObjectType({ implements: Ticket, description: 'A requested item (sc_req_item).' })
export class ServiceRequest extends Ticket {}

@Directive('@key(fields: "number")')
@ObjectType({ implements: Ticket, description: 'A problem (problem): the cause behind incidents.' })
export class Problem extends Ticket {}

const TYPE_BY_TABLE: Record<TicketTable, string> = {
  incident: 'Incident',
  change_request: 'ChangeRequest',
  sc_req_item: 'ServiceRequest',
  problem: 'Problem',
};

const CLASS_BY_TABLE = { incident: Incident, change_request: ChangeRequest, sc_req_item: ServiceRequest, problem: Problem };

export const IncidentConnection = ConnectionType('Incident', Incident);
export const ChangeRequestConnection = ConnectionType('ChangeRequest', ChangeRequest);
export const ServiceRequestConnection = ConnectionType('ServiceRequest', ServiceRequest);
export const ProblemConnection = ConnectionType('Problem', Problem);
// An interface is declared as an abstract class; the connection only needs it as a field type.
export const TicketConnection = ConnectionType('Ticket', Ticket as unknown as ClassType<Ticket>, 'Tickets of any table, newest first.');

export function toTicket(ticket: SnowTicket): Ticket {
  const base = {
    number: ticket.number,
    shortDescription: ticket.shortDescription,
    state: stateOf(ticket.table, ticket.state.value),
    stateLabel: ticket.state.label,
    priority: priorityOf(ticket.priority.value),
    priorityLabel: ticket.priority.label,
    assignedTo: ticket.assignedToEmail ? Object.assign(new PersonRef(), { email: ticket.assignedToEmail }) : null,
    assignmentGroup: ticket.assignmentGroup,
    openedAt: ticket.openedAt,
    updatedAt: ticket.updatedAt,
    url: ticket.url,
    source: ticket,
  };
  const change = ticket.table === 'change_request'
    ? {
        type: ticket.changeType,
        risk: ticket.risk ? riskOf(ticket.risk.value) : null,
        riskLabel: ticket.risk?.label ?? null,
        plannedStart: ticket.plannedStart,
        plannedEnd: ticket.plannedEnd,
        closeCode: ticket.closeCode ? closeCodeOf(ticket.closeCode.value) : null,
        closeCodeLabel: ticket.closeCode?.label ?? null,
      }
    : {};
  return Object.assign(new CLASS_BY_TABLE[ticket.table](), base, change);
}
