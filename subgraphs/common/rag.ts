import { registerEnumType } from 'type-graphql';

/**
 * Red / amber / green. A value type every subgraph that reports health shares; defined once so the copies
 * composition merges are identical by construction.
 */
export enum Rag {
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  RED = 'RED',
}

registerEnumType(Rag, {
  name: 'Rag',
  description: 'Red / amber / green status.',
  valuesConfig: {
    GREEN: { description: 'On track.' },
    AMBER: { description: 'At risk: needs attention.' },
    RED: { description: 'Off track: needs action.' },
  },
});
