/**
 * Apollo Client 4 reads `globalThis.__DEV__` once, when it loads: only then does it run its development checks
 * (the cache's data-loss and missing-field warnings). Import this before `@apollo/client`.
 */
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
