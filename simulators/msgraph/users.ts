import type { Dataset } from '../data/dataset';
import { ORGANIZATION } from '../scim/users';

/** A Graph user as the simulator stores it: every property it can `$select`, plus the manager's id. */
export interface GraphUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string;
  userPrincipalName: string;
  jobTitle: string;
  department: string;
  companyName: string;
  employeeId: string;
  employeeOrgData: { division: string; costCenter: string };
  officeLocation: string;
  businessPhones: string[];
  mobilePhone: string | null;
  preferredLanguage: string | null;
  accountEnabled: boolean;
  managerId: string | null;
}

/** What `GET /users` returns without `$select` (user-list.md). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
];

export const USER_PROPERTIES = new Set([...DEFAULT_USER_PROPERTIES, 'department', 'companyName', 'employeeId', 'employeeOrgData', 'accountEnabled']);

/** The same people as the SCIM directory (ids included), as Entra ID users. */
export function renderGraphUsers(dataset: Dataset): GraphUser[] {
  return dataset.people
    .filter((p) => p.inDirectory)
    .map((p) => ({
      id: p.scimId,
      displayName: p.displayName,
      givenName: p.givenName,
      surname: p.familyName,
      mail: p.email,
      userPrincipalName: p.userName,
      jobTitle: p.title,
      department: p.department,
      companyName: ORGANIZATION,
      employeeId: p.employeeNumber,
      employeeOrgData: { division: p.division, costCenter: p.costCenter },
      officeLocation: p.location,
      businessPhones: [p.phone],
      mobilePhone: null,
      preferredLanguage: null,
      accountEnabled: p.active,
      managerId: p.managerId,
    }));
}
