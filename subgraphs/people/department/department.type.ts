import { Field, ID, Int, ObjectType } from 'type-graphql';
import { globalId, ID_DESCRIPTION } from '../../common/global-id';
import type { DepartmentRecord } from './department.loader';

@ObjectType({ description: "A department, as the directory's users name it (enterprise extension `department`)." })
export class Department {
  @Field(() => ID, { description: ID_DESCRIPTION })
  get id(): string {
    return globalId('Department', this.name);
  }

  @Field({ description: "The department's name as the directory spells it." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The division most of its people are in.' })
  division!: string | null;

  @Field(() => Int, { description: 'Active directory accounts in the department.' })
  headcount!: number;

  /** The department as read from the directory, for field resolvers (not exposed). */
  record!: DepartmentRecord;
}

export function toDepartment(record: DepartmentRecord): Department {
  return Object.assign(new Department(), {
    name: record.name,
    division: record.division,
    headcount: record.members.filter((m) => m.active).length,
    record,
  });
}
