import { compileFilter, FilterError, parseFilter } from '../../simulators/scim/filter';
import enterpriseUser from '../fixtures/scim-user-enterprise.json';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = enterpriseUser as unknown as Record<string, unknown>;
const test = (filter: string): boolean => compileFilter(parseFilter(filter))(user);

describe('simulated SCIM filters (RFC 7644 §3.4.2.2) on the RFC 7643 §8.3 user', () => {
  it.each([
    ['userName eq "BJensen@Example.com"', true],
    ['USERNAME EQ "bjensen@example.com"', true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bjen"', true],
    ['id eq "2819C223-7F76-453A-919D-413861904646"', false],
    ['id eq "2819c223-7f76-453a-919d-413861904646"', true],
    ['name.familyName co "ENS"', true],
    ['emails.value eq "BABS@JENSEN.ORG"', true],
    ['emails co "jensen.org"', true],
    ['emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home"].value ew "@example.com"', false],
    ['emails[type eq "home"].value ew "@jensen.org"', true],
    ['title pr and not (active eq false)', true],
    ['nickName ne "Babs"', false],
    ['nosuchattribute ne "x"', true],
    ['nosuchattribute pr', false],
    ['title eq null', false],
    ['name.middleName eq null', false],
    ['name.middleName ne null', true],
    ['manager eq null', true],
    [`${ENTERPRISE}:department eq "tour operations"`, true],
    [`${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, true],
    [`${ENTERPRISE}:employeeNumber gt "701983"`, true],
    ['manager.value pr', false],
    ['meta.lastModified gt "2011-05-13T04:42:33Z"', true],
    ['meta.created lt "2010-01-23T04:56:22.000Z"', false],
    ['meta.created le "2010-01-23T04:56:22.000Z"', true],
    ['userName eq "x" or userName pr and active eq false', false],
    ['(userName eq "x" or userName pr) and active eq true', true],
    ['not(userName eq "x") and not (title eq "Tour Guide" or userType eq "Contractor")', false],
    ['userName eq "x\\" or userName pr or userName eq \\"y"', false],
  ])('%s → %s', (filter, expected) => {
    expect(test(filter)).toBe(expected);
  });

  it('reads JSON string escapes into the value', () => {
    expect(parseFilter('userName eq "o\\"brien \\\\ \\u00e9"')).toMatchObject({ value: 'o"brien \\ é' });
    expect(parseFilter('x eq -1.5e2')).toMatchObject({ value: -150 });
    expect(parseFilter('x ne true')).toMatchObject({ value: true, op: 'ne' });
  });

  it('keeps a 100-term or working', () => {
    const filter = Array.from({ length: 100 }, (_, i) => `emails.value eq "p${i}@example.com"`).join(' or ');
    expect(test(filter)).toBe(false);
    expect(test(`${filter} or emails.value eq "bjensen@example.com"`)).toBe(true);
  });

  it.each([
    ['userName eq'],
    ['userName eq "x" and'],
    ['userName like "x"'],
    ['(userName pr'],
    ['userName eq "unterminated'],
    ["userName eq 'single'"],
    ['userName eq "bad \\q escape"'],
    ['userName eq True'],
    ['active gt true'],
    ['userName pr userName pr'],
    ['emails[type eq "work"'],
    ['name.familyName.x pr'],
    ['((((((((((((((((((((((((((((((((((userName pr))))))))))))))))))))))))))))))))))'],
  ])('rejects %s as invalid', (filter) => {
    expect(() => parseFilter(filter)).toThrow(FilterError);
  });

  it('rejects a filter of more than 200 terms as too complex', () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(' or ');
    expect(() => parseFilter(terms(200))).not.toThrow();
    expect(() => parseFilter(terms(201))).toThrow('filter too complex');
  });

  it('refuses an ordering comparison on a boolean attribute', () => {
    expect(() => test('active gt "a"')).toThrow(FilterError);
  });
});
