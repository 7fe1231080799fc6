import { GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeISOResolver } from 'graphql-scalars';

/** `DateTime`: an ISO 8601 instant, always serialised in UTC (`2026-11-26T09:30:00.000Z`). */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description: 'An ISO 8601 instant in UTC, e.g. 2026-11-26T09:30:00.000Z.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
});

/** `Date`: a calendar date, `yyyy-MM-dd`. */
export const DateScalar = new GraphQLScalarType({
  ...DateResolver.toConfig(),
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
});
