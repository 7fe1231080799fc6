import { generateDataset } from '../../simulators/data/dataset';

/**
 * Demo stamps a client can take a watermark from: for every record created ≤ updated ≤ resolved ≤ now, where
 * now is the data set's anchor (the start of its day), at the default scale and at 10×.
 */

const glide = (value: string) => Date.parse(`${value.replace(' ', 'T')}Z`);

describe.each([1, 10])('scale %i', (scale) => {
  const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z'), scale });
  const now = data.anchor.getTime();

  test('issues: created ≤ updated ≤ resolved ≤ now', () => {
    const wrong = data.issues.filter((i) => {
      const [created, updated, resolved] = [Date.parse(i.created), Date.parse(i.updated), i.resolved ? Date.parse(i.resolved) : null];
      return !(created <= updated && updated <= now && (resolved === null || (updated <= resolved && resolved <= now)));
    });
    expect(wrong.map((i) => `${i.key} ${i.created} ${i.updated} ${i.resolved}`)).toEqual([]);
    expect(data.issues.length).toBeGreaterThan(0);
  });

  test('tickets: opened ≤ updated ≤ closed ≤ now', () => {
    const wrong = data.tickets.filter((t) => {
      const [opened, updated, closed] = [glide(t.openedAt), glide(t.updatedAt), t.closedAt ? glide(t.closedAt) : null];
      return !(opened <= updated && updated <= now && (closed === null || (updated <= closed && closed <= now)));
    });
    expect(wrong.map((t) => `${t.number} ${t.openedAt} ${t.updatedAt} ${t.closedAt}`)).toEqual([]);
  });

  test('status reports are dated no later than today', () => {
    const late = data.projects.flatMap((p) => p.statusReports).filter((r) => Date.parse(r.statusDate) > now);
    expect(late).toEqual([]);
  });
});
