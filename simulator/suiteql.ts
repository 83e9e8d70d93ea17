import type { CustomerRecord } from './recordStore.ts';

/** Columns of the `customer` table the simulator understands, mapped to record fields. */
export const CUSTOMER_COLUMNS: Record<string, string> = {
  id: 'id',
  entityid: 'entityId',
  companyname: 'companyName',
  email: 'email',
  externalid: 'externalId',
  phone: 'phone',
  isperson: 'isPerson',
  isinactive: 'isInactive',
  firstname: 'firstName',
  lastname: 'lastName',
  datecreated: 'dateCreated',
  lastmodifieddate: 'lastModifiedDate',
};

export interface SuiteQlQuery {
  table: string;
  columns: string[];
  where?: { column: string; operator: '=' | 'LIKE' | '<>'; value: string };
  orderBy?: { column: string; descending: boolean };
}

export class SuiteQlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuiteQlError';
  }
}

const QUERY =
  /^\s*SELECT\s+(?<columns>\*|[A-Za-z_][\w]*(?:\s*,\s*[A-Za-z_][\w]*)*)\s+FROM\s+(?<table>[A-Za-z_][\w]*)(?:\s+WHERE\s+(?<wcol>[A-Za-z_]\w*)\s*(?<op>=|<>|!=|LIKE)\s*(?<value>'(?:[^']|'')*'|-?\d+))?(?:\s+ORDER\s+BY\s+(?<ocol>[A-Za-z_]\w*)(?:\s+(?<dir>ASC|DESC))?)?\s*;?\s*$/i;

const searchError = (message: string): SuiteQlError =>
  new SuiteQlError(`Invalid search query. Detailed unprocessed description follows. Search error occurred: ${message}`);

/**
 * Parses the small SuiteQL subset the simulator answers:
 * `SELECT cols|* FROM customer [WHERE col =|<>|LIKE literal] [ORDER BY col [ASC|DESC]]`.
 */
export function parseSuiteQl(text: string): SuiteQlQuery {
  const match = QUERY.exec(text);
  if (!match?.groups) {
    throw searchError('The simulator supports SELECT <columns|*> FROM <table> [WHERE <column> = <literal>] [ORDER BY <column> [ASC|DESC]] only.');
  }
  const g = match.groups;
  const table = g.table!.toLowerCase();
  const column = (name: string): string => {
    const lower = name.toLowerCase();
    if (!(lower in CUSTOMER_COLUMNS)) throw searchError(`Field '${name}' for record '${table}' was not found.`);
    return lower;
  };
  const columns = g.columns === '*' ? Object.keys(CUSTOMER_COLUMNS) : g.columns!.split(',').map((name) => name.trim());
  const query: SuiteQlQuery = { table, columns: table === 'customer' ? columns.map(column) : columns };
  if (g.wcol) {
    const raw = g.value!;
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    const op = g.op!.toUpperCase() === '!=' ? '<>' : (g.op!.toUpperCase() as '=' | 'LIKE' | '<>');
    query.where = { column: table === 'customer' ? column(g.wcol) : g.wcol, operator: op, value };
  }
  if (g.ocol) query.orderBy = { column: table === 'customer' ? column(g.ocol) : g.ocol, descending: g.dir?.toUpperCase() === 'DESC' };
  return query;
}

function columnValue(record: CustomerRecord, column: string): string | undefined {
  const value = record[CUSTOMER_COLUMNS[column]!];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Runs a parsed query over customers; rows as NetSuite returns them (lower-case keys, string values, `links: []`). */
export function runSuiteQl(query: SuiteQlQuery, records: CustomerRecord[]): Array<Record<string, unknown>> {
  let rows = records;
  const where = query.where;
  if (where) {
    rows = rows.filter((record) => {
      const value = columnValue(record, where.column);
      if (where.operator === 'LIKE') return value !== undefined && likeToRegExp(where.value).test(value);
      return where.operator === '=' ? value === where.value : value !== where.value;
    });
  }
  const orderBy = query.orderBy;
  if (orderBy) {
    rows = [...rows].sort((a, b) => {
      const x = columnValue(a, orderBy.column) ?? '';
      const y = columnValue(b, orderBy.column) ?? '';
      const numeric = /^-?\d+$/.test(x) && /^-?\d+$/.test(y);
      const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return orderBy.descending ? -order : order;
    });
  }
  return rows.map((record) => {
    const row: Record<string, unknown> = { links: [] };
    for (const column of query.columns) {
      const value = columnValue(record, column);
      if (value !== undefined) row[column] = value;
    }
    return row;
  });
}
