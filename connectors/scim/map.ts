import { ENTERPRISE_USER } from './filter';
import type { DirectoryGroup, DirectoryUser } from './models';
import type { RawAddress, RawGroup, RawManager, RawMultiValued, RawUser } from './raw';

/** Raw SCIM resources → domain objects. Only this file knows where a field lives on the wire. */

export function toDirectoryUser(raw: RawUser): DirectoryUser {
  const enterprise = raw[ENTERPRISE_USER] ?? {};
  const email = preferred(raw.emails, true)?.value;
  const manager = managerOf(enterprise.manager);
  const fullName = [raw.name?.givenName, raw.name?.familyName].filter(Boolean).join(' ');
  return {
    id: raw.id,
    userName: raw.userName ?? '',
    email: email ? email.toLowerCase() : null,
    displayName: raw.displayName || raw.name?.formatted || fullName || raw.userName || raw.id,
    givenName: raw.name?.givenName ?? null,
    familyName: raw.name?.familyName ?? null,
    title: raw.title ?? null,
    department: enterprise.department ?? null,
    division: enterprise.division ?? null,
    organization: enterprise.organization ?? null,
    costCenter: enterprise.costCenter ?? null,
    employeeNumber: enterprise.employeeNumber ?? null,
    phone: preferred(raw.phoneNumbers, false)?.value ?? null,
    location: address(preferred(raw.addresses, false)),
    active: isActive(raw.active),
    managerId: manager.id,
    managerDisplayName: manager.displayName,
  };
}

export function toDirectoryGroup(raw: RawGroup): DirectoryGroup {
  return {
    id: raw.id,
    displayName: raw.displayName ?? '',
    memberIds: (raw.members ?? []).map((m) => m.value).filter((v): v is string => typeof v === 'string' && v !== ''),
  };
}

/**
 * The work value, primary first; then any primary one. Emails fall back to the first listed (the join key
 * matters more than its type); phones and addresses do not, so a home number never shows as a work one.
 */
function preferred<T extends RawMultiValued | RawAddress>(values: T[] | undefined, fallBackToFirst: boolean): T | undefined {
  const list = values ?? [];
  const work = list.filter((v) => v.type?.toLowerCase() === 'work');
  return work.find((v) => v.primary) ?? work[0] ?? list.find((v) => v.primary) ?? (fallBackToFirst ? list[0] : undefined);
}

function address(value: RawAddress | undefined): string | null {
  if (!value) return null;
  if (value.formatted) return value.formatted;
  const parts = [value.streetAddress, value.locality, value.region, value.postalCode, value.country].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

function isActive(value: boolean | string | undefined): boolean {
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  return value ?? true;
}

/** `manager.value`, else the id at the end of `$ref` (relative `../Users/{id}` or absolute), else a bare string. */
function managerOf(manager: RawManager | string | null | undefined): { id: string | null; displayName: string | null } {
  if (typeof manager === 'string') return { id: manager || null, displayName: null };
  if (!manager) return { id: null, displayName: null };
  return { id: manager.value || (manager.$ref ? idFromRef(manager.$ref) : null), displayName: manager.displayName ?? null };
}

function idFromRef(ref: string): string | null {
  const match = /(?:^|\/)Users\/([^/?#]+)\/?(?:[?#].*)?$/.exec(ref);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
