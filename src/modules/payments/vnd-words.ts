// An amount of đồng in Vietnamese words, as receipts write it ("Năm mươi nghìn đồng"). Pure.
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', ' nghìn', ' triệu', ' tỷ', ' nghìn tỷ', ' triệu tỷ'];

/** Words for 0–999; `full`: a group after a higher one says its hundreds and "lẻ" (một nghìn không trăm lẻ năm). */
function triple(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(`${DIGITS[h]} trăm`);
  if (t === 0 && u > 0 && (h > 0 || full)) out.push('lẻ');
  if (t === 1) out.push('mười');
  if (t > 1) out.push(`${DIGITS[t]} mươi`);
  if (u > 0) {
    if (u === 1 && t > 1) out.push('mốt');
    else if (u === 5 && t > 0) out.push('lăm');
    else if (u === 4 && t > 1) out.push('tư');
    else out.push(DIGITS[u]!);
  }
  return out.join(' ');
}

export function vndInWords(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0) throw new Error('whole đồng only');
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    parts.push(`${triple(g, i < groups.length - 1)}${GROUPS[i]}`);
  }
  const s = parts.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)} đồng`;
}
