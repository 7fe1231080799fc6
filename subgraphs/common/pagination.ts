import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { badUserInput } from './errors';

/** Relay connections: opaque cursors, a default and a hard cap on page size, BAD_USER_INPUT beyond. */

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;

@Directive('@shareable')
@ObjectType({ description: 'Relay page information (shared by every subgraph).' })
export class PageInfo {
  @Field({ description: 'Whether another page follows (page on with after: endCursor).' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether this page starts after the first row.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first row's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last row's cursor, for the next page's after; null on an empty page." })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  totalCount: number;
}

export function ConnectionType<T extends object>(name: string, node: ClassType<T>, description?: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} row of a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Where this row is: pass it as after to get the rows that follow.' })
    cursor!: string;

    @Field(() => node, { description: 'The row.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: description ?? `A page of ${name} rows (Relay connection).` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: 'The rows of this page, in the list order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page is in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the query across all pages.' })
    totalCount!: number;
  }
  return Connection;
}

export function encodeCursor(kind: 'o' | 'k', value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, kind: 'o' | 'k'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`) || text.length < 3) throw badUserInput(`"after" is not a cursor this list issued: ${JSON.stringify(cursor)}`, 'after');
  return text.slice(2);
}

export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0) throw badUserInput(`"first" must be a whole number ≥ 0, got ${size}`, 'first');
  if (size > max) throw badUserInput(`"first" is at most ${max}, got ${size}; page with "after" instead`, 'first');
  return size;
}

/** Decodes an offset cursor; the next page starts after it. */
export function offsetAfter(after: string | null | undefined): number {
  if (after === null || after === undefined || after === '') return 0;
  const offset = Number(decodeCursor(after, 'o'));
  if (!Number.isInteger(offset) || offset < 0) throw badUserInput(`"after" is not a cursor this list issued: ${JSON.stringify(after)}`, 'after');
  return offset + 1;
}

/** A connection over one page of rows that start at `offset` in a stable order. */
export function offsetConnection<T>(rows: T[], offset: number, totalCount: number): ConnectionShape<T> {
  const edges = rows.map((node, i) => ({ cursor: encodeCursor('o', offset + i), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + rows.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Slices an in-memory, already ordered list into a connection. */
export function sliceConnection<T>(all: readonly T[], first: number | null | undefined, after: string | null | undefined): ConnectionShape<T> {
  const size = pageSize(first);
  const offset = offsetAfter(after);
  return offsetConnection(all.slice(offset, offset + size), offset, all.length);
}

/** Whether the client selected a field directly under the current one (to skip upstream calls it did not ask for). */
export function selects(info: GraphQLResolveInfo, fieldName: string): boolean {
  // Query planners send selections inside inline fragments and named fragments too, not only as direct fields.
  const inSelections = (selections: readonly SelectionNode[] | undefined): boolean =>
    (selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === fieldName;
      if (s.kind === Kind.INLINE_FRAGMENT) return inSelections(s.selectionSet.selections);
      const fragment = info.fragments[s.name.value];
      return fragment ? inSelections(fragment.selectionSet.selections) : false;
    });
  return info.fieldNodes.some((node) => inSelections(node.selectionSet?.selections));
}
