import { registerEnumType } from 'type-graphql';

export enum Phase {
  INITIATING = 'INITIATING',
  PLANNING = 'PLANNING',
  EXECUTING = 'EXECUTING',
  CLOSING = 'CLOSING',
  CLOSED = 'CLOSED',
}

registerEnumType(Phase, {
  name: 'Phase',
  description: 'Project lifecycle phase (PMO metadata).',
  valuesConfig: {
    INITIATING: { description: 'Being initiated: business case and charter.' },
    PLANNING: { description: 'Being planned.' },
    EXECUTING: { description: 'Being delivered.' },
    CLOSING: { description: 'Wrapping up: handover and lessons learned.' },
    CLOSED: { description: "Closed: takes no one's time any more." },
  },
});
