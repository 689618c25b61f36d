// Which carrier (nhà mạng) a Vietnamese mobile number belongs to, by its prefix as the Ministry allotted them
// (the 2018 ten-digit plan). Pure. Since number portability (chuyển mạng giữ số, 2018) a number may have moved,
// so this is the likely carrier: the SMS still goes to the SMSC, only the registered template id is chosen by it.
export const CARRIERS = ['viettel', 'mobifone', 'vinaphone', 'vietnamobile', 'gmobile', 'itel', 'reddi'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const CARRIER_NAMES: Record<Carrier, string> = {
  viettel: 'Viettel', mobifone: 'MobiFone', vinaphone: 'VinaPhone', vietnamobile: 'Vietnamobile', gmobile: 'Gmobile', itel: 'iTel', reddi: 'Reddi',
};

const PREFIXES: Record<Carrier, readonly string[]> = {
  viettel: ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098'],
  mobifone: ['070', '076', '077', '078', '079', '089', '090', '093'],
  vinaphone: ['081', '082', '083', '084', '085', '088', '091', '094'],
  vietnamobile: ['052', '056', '058', '092'],
  gmobile: ['059', '099'],
  itel: ['087'],
  reddi: ['055'],
};

const BY_PREFIX = new Map(Object.entries(PREFIXES).flatMap(([c, ps]) => ps.map((p) => [p, c as Carrier] as const)));

/** The carrier of a mobile number in national (0…) or international (+84… / 84…) form; null when unknown. */
export function carrierOf(phone: string): Carrier | null {
  const digits = phone.replace(/[\s.\-()]/g, '');
  const national = digits.startsWith('+84') ? `0${digits.slice(3)}` : /^84\d{9}$/.test(digits) ? `0${digits.slice(2)}` : digits;
  if (!/^0\d{9}$/.test(national)) return null;
  return BY_PREFIX.get(national.slice(0, 3)) ?? null;
}
