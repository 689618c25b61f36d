// Application errors carry a stable code; the HTTP layer renders them as application/problem+json
// with the message in the caller's language (see i18n/messages.ts).
import { registerMessages } from './i18n/messages.js';

export interface FieldError {
  path: string;
  code: string;
  message?: string;
  messageVi?: string;
  messageEn?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** VALIDATION_FAILED (or a module's own code) with the field errors: 422 for a broken rule, 400 for a bad shape. */
export const invalid = (errors: FieldError[], code = 'VALIDATION_FAILED', status = 422) =>
  new AppError(status, code, {}, { errors });

/** Postgres unique violation → 409 with a readable subject. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** One error code as a module declares it: the HTTP status it always answers with and its two messages. */
export interface ErrorSpec {
  status: number;
  vi: string;
  en: string;
}

export type ErrorFactory = (params?: Record<string, unknown>, extra?: Record<string, unknown>) => AppError;

const registeredStatus = new Map<string, number>();

/**
 * A module's error registry (`<module>.errors.ts`): the code owns its status, so one code can never answer
 * with two statuses, and a code without both messages cannot be declared. Registering a code twice with a
 * different status (two modules claiming one code) fails at start-up, not in front of a citizen.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: ErrorFactory } {
  for (const [code, spec] of Object.entries(specs)) checkSpec(code, spec); // all or nothing
  const factories = {} as Record<string, ErrorFactory>;
  for (const [code, spec] of Object.entries(specs)) {
    registeredStatus.set(code, spec.status);
    factories[code] = (params = {}, extra = {}) => new AppError(spec.status, code, params, extra);
  }
  registerMessages(Object.fromEntries(Object.entries(specs).map(([code, { vi, en }]) => [code, { vi, en }])));
  return factories as { [K in keyof T]: ErrorFactory };
}

function checkSpec(code: string, spec: ErrorSpec): void {
  if (!/^[A-Z][A-Z0-9_]*$/.test(code)) throw new Error(`error code ${code}: use UPPER_SNAKE_CASE`);
  if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) throw new Error(`error code ${code}: status ${spec.status} is not an error status`);
  for (const lang of ['vi', 'en'] as const) {
    if (spec[lang].replace(/\{\w+\}/g, '').trim().length === 0) throw new Error(`error code ${code}: the ${lang} message has no text of its own`);
  }
  const earlier = registeredStatus.get(code);
  if (earlier !== undefined && earlier !== spec.status) throw new Error(`error code ${code} is declared with status ${earlier} and ${spec.status}`);
}

/** The status a registered code answers with (undefined for codes not declared through defineErrors). */
export function statusOf(code: string): number | undefined {
  return registeredStatus.get(code);
}
