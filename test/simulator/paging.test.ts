import { describe, expect, it } from 'vitest';
import { MAX_PAGES, pageOf, readPaging } from '../../simulator/paging.ts';

const href = (limit: number, offset: number) => `u?limit=${limit}&offset=${offset}`;

describe('simulator paging', () => {
  it('defaults to 1,000-row pages and refuses a limit over 1,000', () => {
    expect(readPaging(new URLSearchParams(''))).toEqual({ limit: 1000, offset: 0 });
    expect(readPaging(new URLSearchParams('limit=1001'))).toHaveProperty('error');
  });

  it('the last reachable page keeps hasMore true but has no next link (at most 1,000 pages)', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => i);
    const page = pageOf(rows, 1, (MAX_PAGES - 1) * 1, href);
    expect(page.hasMore).toBe(true);
    expect(page.links.map((l) => l.rel)).toEqual(['previous', 'first', 'last', 'self']);
    expect(page.links.find((l) => l.rel === 'last')!.href).toBe(href(1, 999));
  });

  it('a table of 2,345 rows is three 1,000-row pages', () => {
    const rows = Array.from({ length: 2345 }, (_, i) => i);
    const counts = [0, 1000, 2000].map((offset) => pageOf(rows, 1000, offset, href)).map((p) => [p.count, p.hasMore, p.links.some((l) => l.rel === 'next')]);
    expect(counts).toEqual([[1000, true, true], [1000, true, true], [345, false, false]]);
  });
});
