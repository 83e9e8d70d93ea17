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
  return { limit, offset };
}

/** NetSuite's collection shape: links (self, first, previous, next, last), count, hasMore, items, offset, totalResults. */
export function pageOf<T>(all: T[], limit: number, offset: number, href: (limit: number, offset: number) => string): Page<T> {
  const items = all.slice(offset, offset + limit);
  const total = all.length;
  const hasMore = offset + items.length < total;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links: Link[] = [];
  if (offset > 0) {
    links.push({ rel: 'previous', href: href(limit, Math.max(0, offset - limit)) });
    links.push({ rel: 'first', href: href(limit, 0) });
  }
  if (hasMore) links.push({ rel: 'next', href: href(limit, offset + limit) });
  links.push({ rel: 'last', href: href(limit, lastOffset) });
  links.push({ rel: 'self', href: href(limit, offset) });
  return { links, count: items.length, hasMore, items, offset, totalResults: total };
}
