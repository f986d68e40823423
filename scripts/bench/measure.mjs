// The benchmark's flags (read once, shared by every row) and its arithmetic: medians, the slowest
// run (max), figures to a fixed number of digits, the machine's load average. Each row interleaves
// its kinds with their floors in its own loop (the order turned each run, warm-up runs not counted).
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
  },
});
export const smoke = values.smoke;
export const runs = smoke ? 1 : Math.max(1, Number(values.runs));
export const only = new Set(
  (values.only ?? 'cards,catalog,qr,fifty,dropin,client,sandbox').split(','),
);

export const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
export const max = (numbers) => Math.max(...numbers);
export const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
export const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
