import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { DateResolver, DateTimeISOResolver } from 'graphql-scalars';
import { badUserInput } from './errors';

/**
 * A date argument that did not parse. The scalars hand this to the resolver instead of throwing: a scalar that
 * throws fails the whole subgraph request (every sibling field turns null), while `rejectInvalidDates` below
 * turns it into a `BAD_USER_INPUT` error on the one field that took the argument.
 */
export class InvalidDateInput {
  constructor(
    readonly value: unknown,
    readonly expected: string,
  ) {}
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_EXPECTED = 'an ISO 8601 date-time with a zone, e.g. 2026-11-01T09:30:00Z, or a plain date, e.g. 2026-11-01 (read as midnight UTC)';
const DATE_EXPECTED = 'a calendar date, e.g. 2026-11-01';

const dateTimeIso = DateTimeISOResolver.toConfig();
const date = DateResolver.toConfig();

function parseDateTime(value: unknown): Date | InvalidDateInput {
  // A plain date has one clear meaning here: the start of that day in UTC.
  if (typeof value === 'string' && PLAIN_DATE.test(value)) {
    const midnight = new Date(`${value}T00:00:00Z`);
    // JavaScript rolls 2026-02-30 over to 2 March; a day that does not exist is refused, not moved.
    return !Number.isNaN(midnight.getTime()) && midnight.toISOString().slice(0, 10) === value ? midnight : new InvalidDateInput(value, DATE_TIME_EXPECTED);
  }
  try {
    return dateTimeIso.parseValue!(value) as Date;
  } catch {
    return new InvalidDateInput(value, DATE_TIME_EXPECTED);
  }
}

function parseDate(value: unknown): unknown {
  try {
    return date.parseValue!(value);
  } catch {
    return new InvalidDateInput(value, DATE_EXPECTED);
  }
}

const literal = (parse: (value: unknown) => unknown) => (ast: ValueNode) => parse(ast.kind === Kind.STRING ? ast.value : ast.kind);

/** `DateTime`: an ISO 8601 instant, always serialised in UTC (`2026-11-26T09:30:00.000Z`). */
export const DateTimeScalar = new GraphQLScalarType({
  ...dateTimeIso,
  name: 'DateTime',
  description: 'An ISO 8601 instant in UTC, e.g. 2026-11-26T09:30:00.000Z. As input, a plain date (2026-11-01) means midnight UTC.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
  parseValue: parseDateTime,
  parseLiteral: literal(parseDateTime),
});

/** `Date`: a calendar date, `yyyy-MM-dd`. */
export const DateScalar = new GraphQLScalarType({
  ...date,
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  parseValue: parseDate,
  parseLiteral: literal(parseDate),
});

/** Every field's arguments (and their input objects) are checked for a date that did not parse. */
export const rejectInvalidDates: MiddlewareFn = ({ args }, next) => {
  const invalid = findInvalid(args, []);
  if (invalid) {
    const [path, input] = invalid;
    throw badUserInput(`Argument ${path} must be ${input.expected}; got ${JSON.stringify(input.value)}`, path);
  }
  return next();
};

function findInvalid(value: unknown, path: string[]): [string, InvalidDateInput] | undefined {
  if (value instanceof InvalidDateInput) return [path.join('.'), value];
  if (!value || typeof value !== 'object' || value instanceof Date) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = findInvalid(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
