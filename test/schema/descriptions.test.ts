import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isScalarType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';

/**
 * The explorer's docs panel is the schema's descriptions: every type, field, argument and enum value of the
 * public graph (the composed supergraph and each subgraph's SDL) has one, and custom scalars say what spec
 * they follow (`@specifiedBy`) so code generators can map them.
 */

const ROOT = path.resolve(__dirname, '../..');
const FILES = ['supergraph.graphql', 'subgraphs/projects/schema.graphql', 'subgraphs/people/schema.graphql', 'subgraphs/tickets/schema.graphql'];
/** Federation's own machinery: not part of the public graph, described by the federation spec. */
const MACHINERY = /^(join__|link__|federation__|requiresScopes__|policy__|_Service$|_Entity$|_Any$|FieldSet$|Import$|Purpose$)/;
const MACHINERY_FIELDS = new Set(['_service', '_entities']);

function missingDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type) || MACHINERY.test(type.name)) continue;
    if (!type.description?.trim()) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (MACHINERY_FIELDS.has(field.name)) continue;
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

describe.each(FILES)('%s', (file) => {
  const sdl = readFileSync(path.join(ROOT, file), 'utf8');
  const schema = buildSchema(sdl, { assumeValidSDL: true });

  it('describes every type, field, argument and enum value', () => {
    expect(missingDescriptions(schema)).toEqual([]);
  });

  it('gives every custom scalar a @specifiedBy URL', () => {
    const scalars = Object.values(schema.getTypeMap()).filter((t) => isScalarType(t) && !isSpecifiedScalarType(t) && !MACHINERY.test(t.name));
    expect(scalars.filter((s) => !isScalarType(s) || !s.specifiedByURL?.startsWith('https://')).map((s) => s.name)).toEqual([]);
  });
});

it('keeps @specifiedBy of Date and DateTime through composition', () => {
  const schema = buildSchema(readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
  for (const name of ['Date', 'DateTime']) {
    const scalar = schema.getType(name);
    expect(isScalarType(scalar) && scalar.specifiedByURL).toMatch(/^https:\/\//);
  }
});
