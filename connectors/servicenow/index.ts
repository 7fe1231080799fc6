export { ServiceNowClient } from './client';
export type { ServiceNowConnector } from './connector';
export type { Choice, Ticket, TicketPage, TicketTable } from './models';
export { condition, encodedQuery, EncodedQuery, type Condition, type Operator } from './query';
