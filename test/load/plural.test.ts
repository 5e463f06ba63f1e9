/**
 * "1 error", not "1 errors": counts in summaries and progress lines.
 */
import { describe, expect, it } from 'vitest';
import { formatLoadSummary } from '../../load/load-summary.ts';
import { count } from '../../plural.ts';

describe('counts', () => {
  it('singular for one, plural otherwise, with thousands separators', () => {
    expect(count(1, 'error')).toBe('1 error');
    expect(count(0, 'error')).toBe('0 errors');
    expect(count(1234, 'row')).toBe('1,234 rows');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('the load summary says "1 report version", "1 row", "1 new line"', () => {
    const text = formatLoadSummary({ parserVersion: 2, inStore: 1, upToDate: 0, loaded: 1, withoutRecord: 0, documents: 1, failures: [], rows: 1, crawlLogLines: 1, crawlRuns: 0, rejected: [], ms: 1000 });
    expect(text).toBe('load: 1 report version in the raw store; 0 already loaded with parser 2; 1 loaded (0 without figures), 1 row in 1.0 s\ndocuments: 1 read, 0 could not be extracted (table extract_errors)\ncrawl log: 1 new line');
  });
});
