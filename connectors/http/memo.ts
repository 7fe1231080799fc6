/**
 * What connectors mapped from one cached upstream answer. The in-process cache tier hands out the same `data`
 * object for as long as it holds the entry, so mapping it once per entry (not once per request) takes the
 * mapping off the warm path; the memo goes with the answer when the cache drops it. Mapped values are shared
 * between requests, so nothing may change them in place.
 */
const memos = new WeakMap<object, Map<string, unknown>>();

/** `map()` the first time `(data, tag)` is seen, the same result afterwards; `tag` tells mappings of one answer apart. */
export function mapOnce<R>(data: unknown, tag: string, map: () => R): R {
  if (typeof data !== 'object' || data === null) return map();
  let memo = memos.get(data);
  if (!memo) memos.set(data, (memo = new Map()));
  if (memo.has(tag)) return memo.get(tag) as R;
  const mapped = map();
  memo.set(tag, mapped);
  return mapped;
}
