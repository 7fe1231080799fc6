import type { Dataset, DemoPerson } from '../data/dataset';
import { resourceMeta, SCHEMAS, type ScimResource } from './resource';

export const ORGANIZATION = 'Northfield University';

/**
 * The directory's users: every data-set person HR still lists (`inDirectory`), inactive accounts included
 * with `active: false`, rendered as RFC 7643 §8.3 enterprise users. `manager.$ref` is relative, as in the RFC.
 */
export function renderUsers(dataset: Dataset): ScimResource[] {
  const directory = dataset.people.filter((p) => p.inDirectory);
  const byId = new Map(directory.map((p) => [p.scimId, p]));
  return directory.map((person) => renderUser(person, person.managerId ? byId.get(person.managerId) : undefined, dataset.anchor));
}

function renderUser(person: DemoPerson, manager: DemoPerson | undefined, anchor: Date): ScimResource {
  return {
    schemas: [SCHEMAS.user, SCHEMAS.enterpriseUser],
    id: person.scimId,
    externalId: person.employeeNumber,
    userName: person.userName,
    name: { formatted: person.displayName, familyName: person.familyName, givenName: person.givenName },
    displayName: person.displayName,
    title: person.title,
    userType: 'Employee',
    active: person.active,
    emails: [{ value: person.email, type: 'work', primary: true }],
    phoneNumbers: [{ value: person.phone, type: 'work' }],
    addresses: [{ type: 'work', formatted: person.location, primary: true }],
    [SCHEMAS.enterpriseUser]: {
      employeeNumber: person.employeeNumber,
      costCenter: person.costCenter,
      organization: ORGANIZATION,
      division: person.division,
      department: person.department,
      ...(manager ? { manager: { value: manager.scimId, $ref: `../Users/${manager.scimId}`, displayName: manager.displayName } } : {}),
    },
    meta: resourceMeta('User', person.scimId, anchor),
  };
}
