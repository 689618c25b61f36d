// What the identity provider proved, from its claims (pure). A claim that is not in the expected shape is
// left out rather than stored: a birth date must be a calendar date, an ID number 12 digits.
import { citizenErrors } from './citizens.errors.js';
import { checkCitizenId } from '../dossiers/applicant.js';

export interface ProvenIdentity {
  subject: string;
  acr: string;
  name: string | null;
  birthDate: string | null;
  idNumber: string | null;
}

export function identityFromClaims(claims: Record<string, unknown>, idNumberClaim: string, now: Date): ProvenIdentity {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0) throw citizenErrors.CITIZEN_OIDC_FAILED({ reason: 'no subject' });
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().normalize('NFC') : null);
  const birth = text(claims.birthdate);
  const idNumber = text(claims[idNumberClaim]);
  return {
    subject: sub,
    // a provider that sends no acr proved nothing beyond its own sign-in: say so rather than guess a level
    acr: text(claims.acr) ?? 'oidc',
    name: text(claims.name) ?? ([text(claims.family_name), text(claims.middle_name), text(claims.given_name)].filter(Boolean).join(' ') || null),
    birthDate: birth && isCalendarDate(birth) ? birth : null,
    idNumber: idNumber && checkCitizenId(idNumber, 'idNumber', { today: now }).length === 0 ? idNumber : null,
  };
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
