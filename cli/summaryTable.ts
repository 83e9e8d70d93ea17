import type { SummaryRow } from '../runner/runMatrix.ts';

export type { SummaryRow };

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A fixed-width table (collection × auth method) with a total line. */
export function formatSummaryTable(rows: readonly SummaryRow[]): string[] {
  const header = ['collection', 'auth', 'requests', 'assertions', 'failures', 'tokens minted', 'time'];
  const cells = (row: SummaryRow) => [
    row.collection,
    row.authMethod,
    String(row.requests),
    String(row.assertions),
    String(row.failures),
    row.tokens === undefined ? '-' : String(row.tokens),
    formatDuration(row.durationMs),
  ];
  const sum = (pick: (row: SummaryRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const total: string[] = [
    'total',
    '',
    String(sum((row) => row.requests)),
    String(sum((row) => row.assertions)),
    String(sum((row) => row.failures)),
    rows.some((row) => row.tokens === undefined) ? '-' : String(sum((row) => row.tokens ?? 0)),
    formatDuration(sum((row) => row.durationMs)),
  ];
  const body = rows.map(cells);
  const widths = header.map((title, column) => Math.max(title.length, ...[...body, total].map((line) => line[column]!.length)));
  const format = (line: string[]) =>
    line
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(header), rule, ...body.map(format), rule, format(total)];
}
