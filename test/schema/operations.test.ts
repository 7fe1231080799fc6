import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { loadOperations } from '../../apps/common/operations';

/**
 * The named operations under operations/ are what apps, the explorer and the persisted-operations manifest
 * run: each must stay valid against the composed graph, so a schema change that breaks one fails here. The
 * README's examples are those same operations, named, word for word.
 */

const ROOT = path.resolve(__dirname, '../..');
const schema = buildSchema(readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
const operations = loadOperations(path.join(ROOT, 'operations'));

test('operations/ holds named operations', () => {
  expect(operations.size).toBeGreaterThan(0);
});

test.each([...operations.values()].map((op) => [op.name, op]))('%s is valid against the composed schema', (_name, op) => {
  expect(validate(schema, parse(op.document)).map((e) => e.message)).toEqual([]);
});

test('every GraphQL example in the README is a named operation from operations/', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const block of blocks) {
    for (const definition of parse(block, { noLocation: true }).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = definition.name?.value;
      const stored = name ? operations.get(name) : undefined;
      if (!name) problems.push(`an anonymous operation: ${print(definition).slice(0, 60)}…`);
      else if (!stored) problems.push(`${name} is not in operations/`);
      else {
        const storedOp = parse(stored.document, { noLocation: true }).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
        if (print(storedOp) !== print(definition)) problems.push(`${name} differs from ${stored.file}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
