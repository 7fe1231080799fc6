import { InvalidInputError } from '../../connectors/http/invalid-input';
import { condition, encodedQuery, glideDateTime } from '../../connectors/servicenow/query';

describe('ServiceNow encoded query builder', () => {
  it.each([
    ['an OR smuggled in', 'x^ORactive=true'],
    ['a second condition', 'a=b'],
    ['a new query smuggled in', 'x^NQpriority=1'],
    ['a newline', 'line one\nline two'],
    ['a NUL', 'x\u0000'],
    ['a script', 'javascript:gs.getUserID()'],
    ['a script behind spaces, in capitals', '  JavaScript:gs.getUserID()'],
  ])('rejects %s with InvalidInputError', (_label, value) => {
    expect(() => encodedQuery().where('short_description', 'LIKE', value)).toThrow(InvalidInputError);
    expect(() => condition.where('correlation_id', '=', value)).toThrow(InvalidInputError);
  });

  it('rejects a comma inside an IN or NOT IN item, but allows one in a plain value', () => {
    expect(() => encodedQuery().in('priority', ['1', '2,3'])).toThrow(InvalidInputError);
    expect(() => condition.notIn('state', ['7', '8,6'])).toThrow(InvalidInputError);
    expect(encodedQuery().where('short_description', 'LIKE', 'printers, scanners').toString()).toBe('short_descriptionLIKEprinters, scanners');
  });

  it('refuses field names that are not plain (dot-walked) column names, as a programming error', () => {
    expect(() => encodedQuery().where('active=true^priority', '=', '1')).toThrow(/Not a ServiceNow field name/);
    expect(() => encodedQuery().orderBy('number^ORDERBYsys_id')).toThrow(/Not a ServiceNow field name/);
    expect(() => encodedQuery().where('assigned_to.email', '=', 'mia@northfield.edu')).not.toThrow();
  });

  it('builds the exact encoded string, ORDERBY always last', () => {
    const query = encodedQuery()
      .orderBy('sys_updated_on', 'desc')
      .where('active', '=', 'true')
      .in('priority', ['1', '2'])
      .where('assigned_to.email', '=', 'mia.krystof@northfield.edu')
      .where('opened_at', '>=', '2026-01-01 00:00:00')
      .and(condition.isNotEmpty('correlation_id'))
      .and(condition.notIn('state', ['7', '8']))
      .orderBy('number');
    expect(query.toString()).toBe(
      'active=true^priorityIN1,2^assigned_to.email=mia.krystof@northfield.edu^opened_at>=2026-01-01 00:00:00' +
        '^correlation_idISNOTEMPTY^stateNOT IN7,8^ORDERBYDESCsys_updated_on^ORDERBYnumber',
    );
    expect(query.hasOrder()).toBe(true);
    expect(encodedQuery().where('active', '=', 'true').hasOrder()).toBe(false);
    expect(encodedQuery().toString()).toBe('');
  });

  it('groups anyOf with ^OR, which binds only to its neighbours, ANDed with the rest', () => {
    const query = encodedQuery()
      .where('active', '=', 'true')
      .anyOf([condition.where('correlation_id', '=', 'SOC'), condition.where('correlation_id', 'STARTSWITH', 'SOC-')])
      .and(condition.isEmpty('closed_at'));
    expect(query.toString()).toBe('active=true^correlation_id=SOC^ORcorrelation_idSTARTSWITHSOC-^closed_atISEMPTY');
    expect(encodedQuery().anyOf([condition.in('priority', ['1', '2']), condition.isEmpty('assigned_to')]).toString()).toBe(
      'priorityIN1,2^ORassigned_toISEMPTY',
    );
    expect(() => encodedQuery().anyOf([])).toThrow();
  });
});

describe('glideDateTime', () => {
  it('writes an instant as the Table API compares glide_date_time values, in UTC', () => {
    expect(glideDateTime(new Date('2026-11-26T09:30:05.123+02:00'))).toBe('2026-11-26 07:30:05');
    expect(() => glideDateTime(new Date('not a date'))).toThrow(InvalidInputError);
  });

  it('condition.anyOf keeps an OR group one condition when ANDed with others', () => {
    const link = condition.anyOf([condition.where('correlation_id', '=', 'SOC'), condition.where('correlation_id', 'STARTSWITH', 'SOC-')]);
    expect(encodedQuery().and(link).where('active', '=', 'true').toString()).toBe('correlation_id=SOC^ORcorrelation_idSTARTSWITHSOC-^active=true');
  });
});
