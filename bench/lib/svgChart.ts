/**
 * A small SVG writer for the benchmark's chart: horizontal grouped bars (one bar per series, e.g.
 * per engine) for each labelled row, rows arranged in titled sections. Plain text output, no
 * browser, no dependency. Values above `clipAt` are drawn clipped, with their value written out.
 */

export interface ChartSeries {
  name: string;
  color: string;
}

export interface ChartRow {
  label: string;
  /** One value per series, in series order; NaN or undefined = not measured. */
  values: Array<number | undefined>;
}

export interface ChartSection {
  title: string;
  rows: ChartRow[];
}

export interface BarChart {
  title: string;
  subtitle?: string;
  unit: string;
  series: ChartSeries[];
  sections: ChartSection[];
  /** Draw a vertical reference line at this value per series (e.g. the baseline), labelled. */
  reference?: { label: string; values: number[] };
  clipAt?: number;
}

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function niceStep(maxValue: number): number {
  const raw = maxValue / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

export function barChart(chart: BarChart): string {
  const labelWidth = 230;
  const plotWidth = 560;
  const right = 90;
  const barHeight = 11;
  const barGap = 2;
  const rowGap = 8;
  const sectionGap = 26;
  const top = chart.subtitle ? 70 : 52;
  const width = labelWidth + plotWidth + right;
  const finite = chart.sections.flatMap((s) => s.rows.flatMap((r) => r.values)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const clip = chart.clipAt ?? Number.POSITIVE_INFINITY;
  const maxValue = Math.max(1e-9, ...finite.map((v) => Math.min(v, clip)));
  const step = niceStep(maxValue);
  const axisMax = Math.ceil(maxValue / step) * step;
  const x = (value: number) => labelWidth + (Math.min(value, axisMax) / axisMax) * plotWidth;
  const rowHeight = chart.series.length * (barHeight + barGap) + rowGap;
  const height = top + chart.sections.reduce((h, s) => h + sectionGap + s.rows.length * rowHeight, 0) + 40;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="bold">${esc(chart.title)}</text>`);
  if (chart.subtitle) out.push(`<text x="12" y="40" fill="#555">${esc(chart.subtitle)}</text>`);
  // Legend.
  chart.series.forEach((s, i) => {
    const lx = 12 + i * 300;
    out.push(`<rect x="${lx}" y="${top - 22}" width="12" height="10" fill="${s.color}"/><text x="${lx + 16}" y="${top - 13}">${esc(s.name)}</text>`);
  });
  const plotTop = top;
  const plotBottom = height - 30;
  // Grid and axis.
  for (let v = 0; v <= axisMax + 1e-9; v += step) {
    const gx = x(v);
    out.push(`<line x1="${gx.toFixed(1)}" y1="${plotTop}" x2="${gx.toFixed(1)}" y2="${plotBottom}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${gx.toFixed(1)}" y="${plotBottom + 14}" text-anchor="middle" fill="#555">${Number(v.toFixed(6))}</text>`);
  }
  out.push(`<text x="${labelWidth + plotWidth / 2}" y="${plotBottom + 28}" text-anchor="middle" fill="#333">${esc(chart.unit)}</text>`);
  if (chart.reference) {
    chart.reference.values.forEach((value, i) => {
      if (!Number.isFinite(value)) return;
      const rx = x(value).toFixed(1);
      out.push(`<line x1="${rx}" y1="${plotTop}" x2="${rx}" y2="${plotBottom}" stroke="${chart.series[i]?.color ?? '#000'}" stroke-dasharray="4 3" stroke-width="1"/>`);
    });
    out.push(`<text x="${x(Math.max(...chart.reference.values.filter(Number.isFinite))) + 4}" y="${plotTop + 10}" fill="#555">${esc(chart.reference.label)}</text>`);
  }
  let y = top;
  for (const section of chart.sections) {
    y += sectionGap;
    out.push(`<text x="12" y="${y - 8}" font-weight="bold" fill="#222">${esc(section.title)}</text>`);
    for (const row of section.rows) {
      out.push(`<text x="${labelWidth - 8}" y="${y + (chart.series.length * (barHeight + barGap)) / 2 + 3}" text-anchor="end">${esc(row.label)}</text>`);
      row.values.forEach((value, i) => {
        const by = y + i * (barHeight + barGap);
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          out.push(`<text x="${labelWidth + 4}" y="${by + barHeight - 2}" fill="#999">not measured</text>`);
          return;
        }
        const w = Math.max(1, x(value) - labelWidth);
        const clipped = value > axisMax;
        out.push(`<rect x="${labelWidth}" y="${by}" width="${w.toFixed(1)}" height="${barHeight}" fill="${chart.series[i]!.color}"${clipped ? ' opacity="0.6"' : ''}/>`);
        const text = `${value.toFixed(value >= 100 ? 0 : 2)}${clipped ? ' (clipped)' : ''}`;
        out.push(`<text x="${(labelWidth + w + 4).toFixed(1)}" y="${by + barHeight - 2}" fill="#333">${esc(text)}</text>`);
      });
      y += rowHeight;
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
