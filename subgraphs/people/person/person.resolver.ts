import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ENTERPRISE_USER, scim, type ScimFilter } from '../../../connectors/scim/filter';
import { badUserInput } from '../../common/errors';
import { requiresScopes } from '../../common/federation';
import { offsetAfter, offsetConnection, pageSize, type ConnectionShape } from '../../common/pagination';
import { personKey } from '../../common/person-ref';
import type { PeopleContext } from '../context';
import { PeopleArgs } from './person.args';
import { Person, PersonConnection, toPerson } from './person.type';

/** An instant as SCIM compares dateTime values (xsd:dateTime in UTC). */
function instant(value: Date, argument: 'updatedSince' | 'updatedBefore'): string {
  if (Number.isNaN(value.getTime())) throw badUserInput(`"${argument}" is not a valid instant`, argument);
  return value.toISOString();
}

/**
 * Sensitive fields carry the Federation tag `sensitive`, which composition keeps in the supergraph, so the
 * gateway's authorization (or a router contract) can find and restrict them without a list kept elsewhere.
 * Namespaced because the federation link pinned in subgraphs/common imports no `@tag`.
 */
const SENSITIVE_TAG = '@federation__tag(name: "sensitive")';
const SENSITIVE_SCOPE = requiresScopes(['people:sensitive']);
const SENSITIVE = 'Sensitive: needs the scope people:sensitive (otherwise null with a FORBIDDEN error), and null unless the deployment allows it (PEOPLE_EXPOSE_SENSITIVE).';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by work email (case-insensitive); null when not in the directory.' })
  async person(@Arg('email', { description: 'Work email (case-insensitive).' }) email: string, @Ctx() ctx: PeopleContext): Promise<Person | null> {
    const key = personKey(email);
    if (!key) throw badUserInput('"email" must not be empty', 'email');
    const user = await ctx.loaders.byEmail.load(key);
    return user ? toPerson(user) : null;
  }

  @Query(() => PersonConnection, { nullable: true, description: "The directory, in the directory's order." })
  async people(@Args() { search, department, active, updatedSince, updatedBefore, first, after }: PeopleArgs, @Ctx() ctx: PeopleContext): Promise<ConnectionShape<Person>> {
    const size = pageSize(first);
    const offset = offsetAfter(after);
    const conditions: ScimFilter[] = [];
    if (search) conditions.push(scim.or(scim.co('displayName', search), scim.co('userName', search), scim.co('emails.value', search)));
    if (department) conditions.push(scim.eq(`${ENTERPRISE_USER}:department`, department));
    if (active !== null && active !== undefined) conditions.push(scim.eq('active', active));
    if (updatedSince) conditions.push(scim.compare('meta.lastModified', 'ge', instant(updatedSince, 'updatedSince')));
    if (updatedBefore) conditions.push(scim.compare('meta.lastModified', 'lt', instant(updatedBefore, 'updatedBefore')));
    const page = await ctx.directory.listUsers({
      filter: conditions.length ? scim.and(...conditions) : undefined,
      startIndex: offset + 1,
      count: size,
    });
    for (const user of page.items) if (user.email) ctx.loaders.byEmail.prime(user.email, user);
    return offsetConnection(page.items.map(toPerson), offset, page.totalResults);
  }

  @Directive(SENSITIVE_TAG)
  @Directive(SENSITIVE_SCOPE)
  @FieldResolver(() => String, { nullable: true, description: SENSITIVE })
  employeeNumber(@Root() person: Person, @Ctx() ctx: PeopleContext): string | null {
    return ctx.options.exposeSensitiveFields ? person.source?.employeeNumber ?? null : null;
  }

  @Directive(SENSITIVE_TAG)
  @Directive(SENSITIVE_SCOPE)
  @FieldResolver(() => String, { nullable: true, description: SENSITIVE })
  phone(@Root() person: Person, @Ctx() ctx: PeopleContext): string | null {
    return ctx.options.exposeSensitiveFields ? person.source?.phone ?? null : null;
  }

  @Directive(SENSITIVE_TAG)
  @Directive(SENSITIVE_SCOPE)
  @FieldResolver(() => String, { nullable: true, description: SENSITIVE })
  costCenter(@Root() person: Person, @Ctx() ctx: PeopleContext): string | null {
    return ctx.options.exposeSensitiveFields ? person.source?.costCenter ?? null : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Their line manager; null at the top or when the directory does not say.' })
  async manager(@Root() person: Person, @Ctx() ctx: PeopleContext): Promise<Person | null> {
    const managerId = person.source?.managerId;
    if (!managerId) return null;
    const manager = await ctx.loaders.byId.load(managerId);
    return manager ? toPerson(manager) : null;
  }

  @FieldResolver(() => [Person], { description: 'People whose manager they are.' })
  async directReports(@Root() person: Person, @Ctx() ctx: PeopleContext): Promise<Person[]> {
    if (!person.source) return [];
    return (await ctx.loaders.directReports.load(person.source.id)).map(toPerson);
  }

  @FieldResolver(() => [Person], { description: 'Manager, their manager, … up to the top. Stops if the directory has a cycle.' })
  async managementChain(@Root() person: Person, @Ctx() ctx: PeopleContext): Promise<Person[]> {
    const chain: Person[] = [];
    const seen = new Set<string>(person.source ? [person.source.id] : []);
    for (let id = person.source?.managerId ?? null; id && !seen.has(id); ) {
      seen.add(id);
      const manager = await ctx.loaders.byId.load(id);
      if (!manager) break;
      chain.push(toPerson(manager));
      id = manager.managerId;
    }
    return chain;
  }
}
