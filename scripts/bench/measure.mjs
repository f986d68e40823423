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
/** The first and third quartiles (the middle half of the numbers lies between them). */
const quartiles = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const at = (share) => {
    const index = share * (sorted.length - 1);
    const below = Math.floor(index);
    return sorted[below] + (sorted[Math.ceil(index)] - sorted[below]) * (index - below);
  };
  return [at(0.25), at(0.75)];
};
/**
 * The order of `kinds` in run `run`: rotated one place each run and reversed every other round,
 * so that each kind takes each place in turn and none always runs first or right after the same
 * one. (Only reversing the order each run made the kinds at its ends run twice in a row.)
 */
export const orderOf = (kinds, run) => {
  const shift = run % kinds.length;
  const order = [...kinds.slice(shift), ...kinds.slice(0, shift)];
  return Math.floor(run / kinds.length) % 2 ? order.reverse() : order;
};
/**
 * A kind against its floor run by run: `compare` (a ratio unless told) of the two samples of
 * each run, which share that run's state of the machine, as the median and the middle half of
 * the runs. Steadier than comparing the two medians, which take their figures from different
 * runs. The two arrays hold one sample a run, in the same runs.
 */
export const paired = (samples, floorSamples, compare = (value, floor) => value / floor) => {
  const each = samples.map((value, run) => compare(value, floorSamples[run]));
  const [low, high] = quartiles(each);
  return { median: median(each), low, high };
};
/**
 * A `paired` result as text: its median, then the middle half of the runs in brackets, each
 * written by `format` (a ratio to two places unless told).
 */
export const pairedText = (
  { median: middle, low, high },
  format = (value) => fixed(value, 2),
  between = '–',
) => `${format(middle)} (${format(low)}${between}${format(high)})`;
export const max = (numbers) => Math.max(...numbers);
export const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
export const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
