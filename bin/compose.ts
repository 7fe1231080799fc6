import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { parse as parseGraphQL } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { buildPeopleSchema } from '../subgraphs/people';
import { buildProjectsSchema } from '../subgraphs/projects';
import { buildTicketsSchema } from '../subgraphs/tickets';

/**
 * `npm run compose`: prints each subgraph's SDL from its code into the file supergraph.yaml names, then
 * composes supergraph.graphql with @apollo/composition (what `rover supergraph compose` does).
 * `--check` writes nothing and fails when composition fails or a committed file is stale.
 */

const ROOT = path.resolve(__dirname, '..');
const BUILDERS: Record<string, () => Promise<GraphQLSchema>> = {
  projects: buildProjectsSchema,
  people: buildPeopleSchema,
  tickets: buildTicketsSchema,
};

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const config = parseYaml(await readFile(path.join(ROOT, 'supergraph.yaml'), 'utf8')) as SupergraphConfig;
  const outputs: Array<{ file: string; text: string }> = [];
  const services = [];
  for (const [name, sub] of Object.entries(config.subgraphs)) {
    const build = BUILDERS[name];
    if (!build) throw new Error(`supergraph.yaml names subgraph "${name}", which this repository does not have`);
    const sdl = printSubgraphSchema(await build());
    outputs.push({ file: path.join(ROOT, sub.schema.file), text: `${sdl.trim()}\n` });
    services.push({ name, url: sub.routing_url, typeDefs: parseGraphQL(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) {
    for (const error of result.errors) console.error(`composition error: ${error.message}`);
    process.exit(1);
  }
  outputs.push({ file: path.join(ROOT, 'supergraph.graphql'), text: result.supergraphSdl });

  const stale: string[] = [];
  for (const { file, text } of outputs) {
    const current = await readFile(file, 'utf8').catch(() => null);
    if (current === text) continue;
    if (check) stale.push(path.relative(ROOT, file));
    else await writeFile(file, text);
  }
  if (stale.length) {
    console.error(`Stale generated schema: ${stale.join(', ')}. Run \`npm run compose\` and commit the result.`);
    process.exit(1);
  }
  for (const hint of result.hints ?? []) console.warn(`composition hint: ${hint.message}`);
  console.log(check ? 'supergraph.graphql is up to date' : `composed ${outputs.length - 1} subgraphs into supergraph.graphql`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
