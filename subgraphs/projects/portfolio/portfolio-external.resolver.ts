import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { LeadDirectoryRef } from '../quality/lead-directory.type';
import { Portfolio, ProjectOperationsRef } from './portfolio.type';

type WithExternals = Portfolio & { operations?: ProjectOperationsRef[] | null; linkedProjectKeys?: string[] | null; leadDirectory?: LeadDirectoryRef[] | null };

/**
 * The roll-ups other subgraphs add to Portfolio, declared here only so this subgraph's roll-ups can
 * `@requires` them; the gateway fetches them from their owners and passes them in the representation.
 */
@Resolver(() => Portfolio)
export class PortfolioExternalResolver {
  @Directive('@external')
  @FieldResolver(() => [ProjectOperationsRef], { nullable: true, description: 'Owned by the tickets subgraph.' })
  operations(@Root() portfolio: WithExternals): ProjectOperationsRef[] | null {
    return portfolio.operations ?? null;
  }

  @Directive('@external')
  @FieldResolver(() => [String], { nullable: true, description: 'Owned by the tickets subgraph.' })
  linkedProjectKeys(@Root() portfolio: WithExternals): string[] | null {
    return portfolio.linkedProjectKeys ?? null;
  }

  @Directive('@external')
  @FieldResolver(() => [LeadDirectoryRef], { nullable: true, description: 'Owned by the people subgraph.' })
  leadDirectory(@Root() portfolio: WithExternals): LeadDirectoryRef[] | null {
    return portfolio.leadDirectory ?? null;
  }
}
