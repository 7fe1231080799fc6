import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The named operations of the public graph, one or more per `.graphql` file under `operations/`.
 * Apps run these and nothing else, so what they show is exactly what the graph answers; the same files
 * are the persisted-operations manifest.
 */
export interface NamedOperation {
  name: string;
  kind: 'query' | 'mutation';
  /** The operation with every fragment it spreads, printed as one document. */
  document: string;
  /** The file it came from, relative to the repository root. */
  file: string;
}

export function loadOperations(dir: string): Map<string, NamedOperation> {
  const operations = new Map<string, NamedOperation>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  const pending: Array<{ node: OperationDefinitionNode; file: string }> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    // No locations: the fragment walk below visits every node, and a location's token list is cyclic.
    const document = parse(readFileSync(path.join(dir, file), 'utf8'), { noLocation: true });
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error(`${file}: every operation must be named`);
        pending.push({ node: definition, file });
      }
    }
  }
  for (const { node, file } of pending) {
    const name = node.name!.value;
    if (operations.has(name)) throw new Error(`${file}: operation ${name} is defined twice`);
    if (node.operation === 'subscription') throw new Error(`${file}: ${name} is a subscription; the graph has none`);
    const used = fragmentsUsedBy(node, fragments, file);
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [node, ...used] };
    operations.set(name, { name, kind: node.operation, document: print(document), file: `operations/${file}` });
  }
  return operations;
}

function fragmentsUsedBy(root: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, file: string): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if ((node as { kind?: string }).kind === Kind.FRAGMENT_SPREAD) {
      const name = (node as { name: { value: string } }).name.value;
      if (seen.has(name)) return;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`${file}: fragment ${name} is not defined under operations/`);
      seen.set(name, fragment);
      visit(fragment.selectionSet);
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(root.selectionSet);
  return [...seen.values()];
}
