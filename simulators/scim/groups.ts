import type { Dataset } from '../data/dataset';
import { resourceMeta, SCHEMAS, stableId, type ScimResource } from './resource';

/** One group per department, its members every directory user of that department (inactive ones too). */
export function renderGroups(dataset: Dataset): ScimResource[] {
  const members = new Map<string, Array<{ value: string; display: string }>>();
  for (const person of dataset.people) {
    if (!person.inDirectory) continue;
    const list = members.get(person.department) ?? [];
    list.push({ value: person.scimId, display: person.displayName });
    members.set(person.department, list);
  }
  return [...members].map(([department, list]) => {
    const id = stableId(`group:${department}`);
    return {
      schemas: [SCHEMAS.group],
      id,
      displayName: department,
      members: list.map((m) => ({ value: m.value, $ref: `../Users/${m.value}`, display: m.display })),
      meta: resourceMeta('Group', id, dataset.anchor),
    };
  });
}
