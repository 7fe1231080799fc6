import { startStack, type Stack } from '../../bin/stack';
import { graphql } from '../support/graphql';

/**
 * Every fetch to one subgraph listens on one abort signal of the engine's HTTP executor, so with more than ten of
 * them in flight Node used to warn of an EventTarget leak (MaxListenersExceededWarning) where there was none
 * (gateway/plugins/fetch-signal.ts). Under load, then: concurrent queries over the three subgraphs, each with a
 * different page size so that inbound dedup does not fold them into one execution.
 */

const PAGE = /* GraphQL */ `
  query Page($first: Int!) { projects(first: $first) { edges { node { key lead { displayName } ticketStats { openIncidents } } } } }
`;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ ports: 'random' });
});

afterAll(() => stack?.close());

it('serves many subgraph fetches in flight without a MaxListenersExceededWarning', async () => {
  // Node emits the warning on the process itself, not on the copy of it jest gives a test file, so a
  // process.on('warning') collector here hears nothing; its default handler writes to stderr, which is shared.
  const written: string[] = [];
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  try {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => graphql(stack.gateway.url, PAGE, { first: i + 1 })));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    // A warning is written on the tick after the listener that caused it.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    stderr.mockRestore();
  }
  expect(written.filter((line) => line.includes('MaxListenersExceededWarning'))).toEqual([]);
});
