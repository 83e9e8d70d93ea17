export interface Link {
  rel: string;
  href: string;
}

export interface Page<T> {
  links: Link[];
  count: number;
  hasMore: boolean;
  items: T[];
  offset: number;
  totalResults: number;
}

export const MAX_LIMIT = 1000;
/** Results reachable by paging without SuiteAnalytics Connect (Oracle: "Collection Paging"). */
export const MAX_RESULTS = 100_000;
/** Pages reachable by paging (Oracle: at most 1,000 pages). */
export const MAX_PAGES = 1000;

/** Reads `limit` and `offset`; an error message when they are not valid. */
export function readPaging(query: URLSearchParams): { limit: number; offset: number } | { error: string } {
  const limitText = query.get('limit');
  const offsetText = query.get('offset');
  const limit = limitText === null ? MAX_LIMIT : Number(limitText);
  const offset = offsetText === null ? 0 : Number(offsetText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return { error: `Invalid value for the limit parameter: ${limitText ?? ''}. Provide an integer between 1 and ${MAX_LIMIT}.` };
  }
  if (!Number.isInteger(offset) || offset < 0) {
    return { error: `Invalid value for the offset parameter: ${offsetText ?? ''}. Provide a non-negative integer.` };
  }
  // Pages start at multiples of the page size (as NetSuite's own next/last links do).
  if (offset % limit !== 0) {
    return { error: `Invalid value for the offset parameter: ${offset}. The offset must be a multiple of the limit (${limit}).` };
  }
  if (offset >= MAX_RESULTS || offset / limit >= MAX_PAGES) {
    return {
      error: `Invalid value for the offset parameter: ${offset}. Paging reaches at most ${MAX_PAGES} pages and ${MAX_RESULTS} results; narrow the query (for SuiteQL, a WHERE on id) to read further.`,
    };
  }
  return { limit, offset };
}

function lastOffsetFor(total: number, limit: number): number {
  const reachable = Math.min(total, MAX_RESULTS, MAX_PAGES * limit);
  return reachable === 0 ? 0 : Math.floor((reachable - 1) / limit) * limit;
}

/** NetSuite's collection shape: links (self, first, previous, next, last), count, hasMore, items, offset, totalResults. */
export function pageOf<T>(all: T[], limit: number, offset: number, href: (limit: number, offset: number) => string): Page<T> {
  const items = all.slice(offset, offset + limit);
  const total = all.length;
  const hasMore = offset + items.length < total;
  // The last page paging can reach: the table's last, or the last within the page and result caps
  // (beyond it hasMore stays true, but there is no next link).
  const lastOffset = lastOffsetFor(total, limit);
  const links: Link[] = [];
  if (offset > 0) {
    links.push({ rel: 'previous', href: href(limit, Math.max(0, offset - limit)) });
    links.push({ rel: 'first', href: href(limit, 0) });
  }
  if (hasMore && offset + limit <= lastOffset) links.push({ rel: 'next', href: href(limit, offset + limit) });
  links.push({ rel: 'last', href: href(limit, lastOffset) });
  links.push({ rel: 'self', href: href(limit, offset) });
  return { links, count: items.length, hasMore, items, offset, totalResults: total };
}
