import { registerEnumType } from 'type-graphql';

export enum Phase {
  INITIATING = 'INITIATING',
  PLANNING = 'PLANNING',
  EXECUTING = 'EXECUTING',
  CLOSING = 'CLOSING',
  CLOSED = 'CLOSED',
}

registerEnumType(Phase, { name: 'Phase', description: 'Project lifecycle phase (PMO metadata).' });
