// Application errors carry a stable code; the HTTP layer renders them as application/problem+json
// with the message in the caller's language (see i18n/messages.ts).
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

export const notFound = (what = 'resource') => new AppError(404, 'NOT_FOUND', { what });
export const forbidden = () => new AppError(403, 'FORBIDDEN');
export const unauthenticated = (code = 'UNAUTHENTICATED') => new AppError(401, code);
export const conflict = (code = 'CONFLICT', params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  new AppError(409, code, params, extra);
export const invalid = (errors: FieldError[], code = 'VALIDATION_FAILED', status = 422) =>
  new AppError(status, code, {}, { errors });

/** Postgres unique violation → 409 with a readable subject. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
