/**
 * Masks a person's name for display: the first and last characters stay, the rest become `*`
 * (张三 → 张*, 王小明 → 王*明, 欧阳娜娜 → 欧**娜). Counts code points, not UTF-16 units.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
