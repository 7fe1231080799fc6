export { ServiceNowClient, type ServiceNowClientOptions } from './client';
export type { ServiceNowConnector } from './connector';
export type { Choice, Ticket, TicketPage, TicketTable } from './models';
export { condition, encodedQuery, EncodedQuery, glideDateTime, isFieldName, type Condition, type Operator } from './query';
export type { GroupCount } from './stats';
