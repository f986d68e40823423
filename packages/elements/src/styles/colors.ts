/**
 * The colour tokens, one row per role: `--zheli-color-<role>` light and dark, then
 * `--zheli-elder-color-<role>` light and dark (elder mode, at least 7:1 on its surface). The
 * CSS is generated from this table (tokens.ts), so each colour is written once.
 */
export const colorTokens: Readonly<Record<string, readonly string[]>> = {
  brand: ['#1a56c4', '#8fb8ff', '#0b3a8c', '#c4dbff'],
  'on-brand': ['#fff', '#0b1a33', '#fff', '#000'],
  text: ['#1b1f24', '#eef1f5', '#000', '#fff'],
  'text-muted': ['#4a5360', '#b8c0cc', '#2b2b2b', '#e6e6e6'],
  surface: ['#fff', '#14181d', '#fff', '#000'],
  'surface-raised': ['#f4f6f9', '#1f252c', '#fff', '#000'],
  border: ['#c9d0d9', '#3a434e', '#2b2b2b', '#e6e6e6'],
  success: ['#14653a', '#8fe0b0', '#0a4a29', '#b5f0cc'],
  'success-surface': ['#e3f4ea', '#123322', '#fff', '#000'],
  danger: ['#a8201a', '#ffaba6', '#7a1410', '#ffc9c6'],
  focus: ['#1a56c4', '#8fb8ff'],
  skeleton: ['#e6e9ee', '#2a3038'],
};
