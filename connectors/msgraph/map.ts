import type { DirectoryGroup, DirectoryUser } from '../scim/models';
import type { RawGroup, RawUser } from './raw';

/** Raw Graph users and groups → the directory's domain objects. Only this file knows where a field lives on the wire. */

/** What each user read asks for; Graph's default set lacks department, employeeId and the rest. */
export const USER_SELECT = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'department',
  'companyName',
  'employeeId',
  'employeeOrgData',
  'officeLocation',
  'businessPhones',
  'accountEnabled',
].join(',');

export const MANAGER_EXPAND = 'manager($select=id,displayName)';

/** `manager` overrides what the user carries (a direct report's manager is the one asked about). */
export function toDirectoryUser(raw: RawUser, manager?: { id: string; displayName: string | null } | null): DirectoryUser {
  const email = raw.mail || raw.userPrincipalName;
  const boss = manager === undefined ? raw.manager : manager;
  return {
    id: raw.id,
    userName: raw.userPrincipalName ?? '',
    email: email ? email.toLowerCase() : null,
    displayName: raw.displayName || [raw.givenName, raw.surname].filter(Boolean).join(' ') || raw.userPrincipalName || raw.id,
    givenName: raw.givenName ?? null,
    familyName: raw.surname ?? null,
    title: raw.jobTitle ?? null,
    department: raw.department ?? null,
    division: raw.employeeOrgData?.division ?? null,
    organization: raw.companyName ?? null,
    costCenter: raw.employeeOrgData?.costCenter ?? null,
    employeeNumber: raw.employeeId ?? null,
    // businessPhones only: mobilePhone may be a personal number, and the field is the work phone.
    phone: raw.businessPhones?.[0] ?? null,
    location: raw.officeLocation ?? null,
    active: raw.accountEnabled ?? true,
    managerId: boss?.id ?? null,
    managerDisplayName: boss?.displayName ?? null,
  };
}

export function toDirectoryGroup(raw: RawGroup): DirectoryGroup {
  return { id: raw.id, displayName: raw.displayName ?? '', memberIds: (raw.members ?? []).map((m) => m.id).filter(Boolean) };
}
