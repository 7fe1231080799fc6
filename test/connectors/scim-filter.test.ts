import { InvalidInputError } from '../../connectors/http/invalid-input';
import { ENTERPRISE_USER, scim } from '../../connectors/scim/filter';
import { parseFilter } from '../../simulators/scim/filter';

describe('scim filter builder', () => {
  it.each([
    ['x" or userName pr or userName eq "y', 'emails.value eq "x\\" or userName pr or userName eq \\"y"'],
    ['back\\slash', 'emails.value eq "back\\\\slash"'],
    ['already \\" escaped', 'emails.value eq "already \\\\\\" escaped"'],
    ['trailing\\', 'emails.value eq "trailing\\\\"'],
    ['new\nline', 'emails.value eq "new\\nline"'],
  ])('keeps the hostile value %j one JSON string', (value, text) => {
    const filter = scim.eq('emails.value', value);
    expect(filter.text).toBe(text);
    // An RFC 7644 parser reads it back as a single comparison carrying exactly the caller's value.
    expect(parseFilter(filter.text)).toEqual({
      kind: 'compare',
      path: { uri: null, attr: 'emails', sub: 'value' },
      op: 'eq',
      value,
    });
  });

  it('writes numbers, booleans and null as JSON literals and refuses non-finite numbers', () => {
    expect(scim.eq('active', false).text).toBe('active eq false');
    expect(scim.compare('meta.version', 'gt', 3).text).toBe('meta.version gt 3');
    expect(scim.eq('title', null).text).toBe('title eq null');
    expect(() => scim.compare('x', 'gt', Number.NaN)).toThrow(InvalidInputError);
    expect(() => scim.compare('x', 'lt', Number.POSITIVE_INFINITY)).toThrow(InvalidInputError);
  });

  it('accepts URN-qualified paths and rejects anything that is not an attribute path', () => {
    expect(scim.eq(`${ENTERPRISE_USER}:manager.value`, 'abc').text).toBe(
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "abc"',
    );
    expect(scim.pr(`${ENTERPRISE_USER}:department`).text).toBe(`${ENTERPRISE_USER}:department pr`);
    for (const bad of ['userName pr or id', 'emails[type eq "work"]', 'a b', '', '1abc', 'name.given.name']) {
      expect(() => scim.eq(bad, 'x')).toThrow('Not a SCIM attribute path');
    }
  });

  describe('grouping (not > and > or)', () => {
    const a = scim.eq('userName', 'a');
    const b = scim.eq('userName', 'b');
    const c = scim.eq('title', 'c');

    it('parenthesises an or inside an and', () => {
      expect(scim.and(scim.or(a, b), c).text).toBe('(userName eq "a" or userName eq "b") and title eq "c"');
      expect(scim.and(c, scim.or(a, b)).text).toBe('title eq "c" and (userName eq "a" or userName eq "b")');
    });

    it('needs no parentheses for an and inside an or, or for same-operator nesting', () => {
      expect(scim.or(scim.and(a, b), c).text).toBe('userName eq "a" and userName eq "b" or title eq "c"');
      expect(scim.and(scim.and(a, b), c).text).toBe('userName eq "a" and userName eq "b" and title eq "c"');
      expect(scim.or(scim.or(a, b), c).text).toBe('userName eq "a" or userName eq "b" or title eq "c"');
    });

    it('always parenthesises the operand of not', () => {
      expect(scim.not(a).text).toBe('not (userName eq "a")');
      expect(scim.not(scim.or(a, b)).text).toBe('not (userName eq "a" or userName eq "b")');
      expect(scim.and(scim.not(scim.or(a, b)), c).text).toBe('not (userName eq "a" or userName eq "b") and title eq "c"');
    });

    it('returns a single operand unchanged', () => {
      expect(scim.or(a)).toBe(a);
      expect(scim.and(a)).toBe(a);
    });

    it('builds text an RFC parser groups the same way', () => {
      expect(parseFilter(scim.and(scim.or(a, b), scim.not(c)).text)).toMatchObject({
        kind: 'and',
        terms: [{ kind: 'or', terms: [{ value: 'a' }, { value: 'b' }] }, { kind: 'not', term: { value: 'c' } }],
      });
    });
  });
});
