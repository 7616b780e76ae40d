// Median and spread of a few samples, and the tables printed on stdout.

/** { median, min, max, n } of the numbers in `values` (nulls dropped); null if none. */
export function spread(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** a / b, or null when b is 0 or either is missing. */
export function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null;
  return a / b;
}

/** A number as the tables show it: `digits` decimals, thousands separated. */
export function fmt(value, digits = 0) {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (min–max)", or just the median when every sample is the same. */
export function fmtSpread(s, digits = 0) {
  if (!s) return '—';
  if (fmt(s.min, digits) === fmt(s.max, digits)) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

/** Rows of cells as a plain-text table; the first row is the header. */
export function table(rows, align = []) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => {
    const text = String(cell);
    return (align[i] === 'left' ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  }).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
