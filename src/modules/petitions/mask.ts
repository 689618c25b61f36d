// Masking a petitioner's personal data for anyone but the handling agency (pure).

/** "Nguyễn Văn An" → "Nguyễn V. A."; keeps the family name, initials of the rest. */
export function maskName(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  if (parts.length <= 1) return parts[0] ? `${[...parts[0]][0]}***` : '';
  return [parts[0], ...parts.slice(1).map((p) => `${[...p][0]}.`)].join(' ');
}

/** "0912345678" → "09******78". */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const d = phone.replace(/\s+/g, '');
  return d.length <= 4 ? '****' : `${d.slice(0, 2)}${'*'.repeat(d.length - 4)}${d.slice(-2)}`;
}

/** "an.nguyen@example.vn" → "a***@example.vn". */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}
