import type { Choice } from './models';
import type { RawField } from './raw';

/**
 * Reads a field whatever `sysparm_display_value` the instance (or a proxy in front of it) honoured, so the
 * connector asks for `all` but still works when handed `false` or `true` shapes (see raw.ts). Empty values
 * (`""`, `{display_value:"",value:""}`) and absent fields read as null.
 */

/** A choice list: stored value → out-of-box label. */
export type ChoiceList = Readonly<Record<string, string>>;

const SYS_ID = /^[0-9a-f]{32}$/;
const GLIDE_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A field that reads the same in every mode (number, short_description, a dot-walked string): the stored value. */
export function text(raw: RawField | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const value = typeof raw === 'string' ? raw : (raw.value ?? raw.display_value ?? '');
  return value === '' ? null : value;
}

export function email(raw: RawField | undefined): string | null {
  return text(raw)?.toLowerCase() ?? null;
}

/**
 * glide_date_time `yyyy-MM-dd HH:mm:ss`, which `value` holds in UTC → ISO 8601 UTC. A bare display value
 * (`true` mode) is in the API user's time zone and format; it is read as UTC when it has the storage format
 * and is otherwise unreadable (null).
 */
export function dateTime(raw: RawField | undefined): string | null {
  const value = text(raw);
  if (value === null || !GLIDE_DATE_TIME.test(value)) return null;
  const ms = Date.parse(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * A reference's display value (the group's name, the user's name). Null when the reference is empty or only
 * its sys_id was sent (`false` mode): a 32-hex bare string is a sys_id, anything else a display value.
 */
export function referenceDisplay(raw: RawField | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string') return raw === '' || SYS_ID.test(raw) ? null : raw;
  return raw.display_value || null;
}

/**
 * A coded choice field. Under `all` both halves come from the instance. A bare string is the stored value
 * when it is a known code (`false` mode: the label is the out-of-box one) or else a label (`true` mode: the
 * value is the code whose out-of-box label it is, or the text itself when none is).
 */
export function choice(raw: RawField | undefined, labels: ChoiceList): Choice | null {
  if (raw === undefined || raw === null) return null;
  const codeFor = (label: string): string | undefined => Object.keys(labels).find((code) => labels[code] === label);
  const known = (code: string): string | null => (Object.hasOwn(labels, code) ? labels[code] : null);
  if (typeof raw === 'string') {
    if (raw === '') return null;
    const value = Object.hasOwn(labels, raw) ? raw : (codeFor(raw) ?? raw);
    return { value, label: known(value) };
  }
  const label = raw.display_value || null;
  const value = raw.value || (label !== null ? (codeFor(label) ?? label) : '');
  if (value === '') return null;
  return { value, label: label ?? known(value) };
}
