import nock from 'nock';

/**
 * The nock rules every connector test follows: no real network, a clean slate before each test, every expected
 * upstream call made after each, and node:http unpatched at the end (jest shares it across a worker's files).
 */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
  beforeEach(() => nock.cleanAll());
  afterEach(() => {
    expect(nock.activeMocks()).toEqual([]);
  });
}
