import { ProjectRef } from './project.type';

export const resolveProjectReference = (reference: Pick<ProjectRef, 'key'>): ProjectRef => Object.assign(new ProjectRef(), { key: reference.key });
