import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../common/errors';
import { sliceConnection, type ConnectionShape } from '../../common/pagination';
import type { PeopleContext } from '../context';
import { Person, PersonConnection, toPerson } from '../person/person.type';
import { DepartmentPeopleArgs } from './department.args';
import { Department, toDepartment } from './department.type';

/**
 * Every field here is answered from one read of the directory per request, which also primes the person
 * loaders: a department's people, their managers and its head cost no further directory request.
 */
@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { nullable: true, description: 'Every department in the directory, by name.' })
  async departments(@Ctx() ctx: PeopleContext): Promise<Department[]> {
    return (await ctx.loaders.departments()).map(toDepartment);
  }

  @Query(() => Department, { nullable: true, description: 'A department by name (case-insensitive); null when no one in the directory is in it.' })
  async department(@Arg('name', { description: 'Department name (case-insensitive).' }) name: string, @Ctx() ctx: PeopleContext): Promise<Department | null> {
    const wanted = name.trim().toLowerCase();
    if (!wanted) throw badUserInput('"name" must not be empty', 'name');
    const record = (await ctx.loaders.departments()).find((d) => d.name.toLowerCase() === wanted);
    return record ? toDepartment(record) : null;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: "The top of the department's reporting line: the member whose manager is outside it. Null when the directory does not say.",
  })
  head(@Root() department: Department): Person | null {
    return department.record.head ? toPerson(department.record.head) : null;
  }

  @FieldResolver(() => PersonConnection, { description: "The department's people, in the directory's order." })
  people(@Root() department: Department, @Args() { active, first, after }: DepartmentPeopleArgs): ConnectionShape<Person> {
    const members = active === null || active === undefined ? department.record.members : department.record.members.filter((m) => m.active === active);
    return sliceConnection(members.map(toPerson), first, after);
  }
}
