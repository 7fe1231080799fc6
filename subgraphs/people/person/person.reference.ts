import { personKey } from '../../common/person-ref';
import type { PeopleContext } from '../context';
import { Person, toPerson, unknownPerson } from './person.type';

/** Other subgraphs hand us an email; a person the directory does not know still resolves (inDirectory: false). */
export async function resolvePersonReference(reference: Pick<Person, 'email'>, ctx: PeopleContext): Promise<Person> {
  const email = personKey(reference.email) ?? reference.email;
  const user = await ctx.loaders.byEmail.load(email);
  return user ? toPerson(user) : unknownPerson(email);
}
