import { personKey } from '../../common/person-ref';
import { PersonRef } from './person.type';

export const resolvePersonReference = (reference: Pick<PersonRef, 'email'>): PersonRef =>
  Object.assign(new PersonRef(), { email: personKey(reference.email) ?? reference.email });
