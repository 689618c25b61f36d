// application/problem+json rendering (RFC 9457) with a stable `code` and a localised message.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors.js';
import { message, pickLanguage, type Lang } from '../i18n/messages.js';
import { plainIssue } from './zod-messages.js';
import { platformErrors } from '../platform.errors.js';

const zodVi = z.locales.vi();
const zodEn = z.locales.en();

export function languageOf(req: FastifyRequest): Lang {
  return pickLanguage(req.headers['accept-language']);
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const lang = languageOf(req);
  const errors = (err.extra.errors as FieldError[] | undefined)?.map((e) => ({
    path: e.path,
    code: e.code,
    message: (lang === 'vi' ? e.messageVi : e.messageEn) ?? e.message ?? (hasText(e.code) ? message(e.code, lang) : e.code),
  }));
  const body = {
    type: `urn:motcua:problem:${err.code.toLowerCase()}`,
    title: message(err.code, lang, { ...err.params, requestId: req.id }),
    status: err.status,
    code: err.code,
    detail: message(err.code, lang === 'vi' ? 'en' : 'vi', { ...err.params, requestId: req.id }),
    instance: req.url,
    requestId: req.id,
    ...err.extra,
    ...(errors ? { errors } : {}),
  };
  if (typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
  return reply.status(err.status).type('application/problem+json; charset=utf-8').send(body);
}

function hasText(code: string): boolean {
  return message(code, 'vi') !== code;
}

/** Maps anything thrown in a request to an AppError; unknown errors become a logged 500. */
export function toAppError(err: unknown, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = (err as { validationContext?: string }).validationContext ?? 'body';
    return new AppError(400, 'VALIDATION_FAILED', {}, {
      errors: err.validation.map((v) => {
        const path = `${part}${v.instancePath.replace(/\//g, '.')}`;
        const plain = plainIssue({ keyword: v.keyword, params: (v.params ?? {}) as Record<string, unknown> });
        if (plain) return { path, ...plain };
        const issue = { code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message, ...(v.params as object) };
        return {
          path,
          code: v.keyword,
          messageVi: localise(zodVi, issue, v.message ?? v.keyword),
          messageEn: localise(zodEn, issue, v.message ?? v.keyword),
        };
      }),
    });
  }
  const fe = err as FastifyError;
  if (isResponseSerializationError(fe as Error)) {
    req.log.error({ err }, 'response does not match its schema');
    return platformErrors.INTERNAL_ERROR();
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return platformErrors.PAYLOAD_TOO_LARGE();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return platformErrors.UNSUPPORTED_MEDIA_TYPE();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidJson();
  }
  // PostgreSQL data exceptions raised by a value the client sent (a date out of range, text it cannot
  // store, a malformed number): the request is wrong, not the server
  const sqlState = (err as { code?: unknown }).code;
  if (typeof sqlState === 'string' && PG_BAD_VALUE.has(sqlState)) {
    req.log.warn({ err }, 'value refused by the database');
    return new AppError(400, 'VALIDATION_FAILED', {}, { errors: [{ path: 'body', code: 'INVALID_VALUE', messageVi: 'Giá trị không hợp lệ.', messageEn: 'Invalid value.' }] });
  }
  if (fe instanceof SyntaxError) return invalidJson();
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode, fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', {}, { detail: fe.message });
  }
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ err }, 'database unreachable');
    return platformErrors.DATABASE_UNAVAILABLE({}, { retryAfter: DATABASE_RETRY_SECONDS });
  }
  req.log.error({ err }, 'unhandled error');
  return platformErrors.INTERNAL_ERROR();
}

const DATABASE_RETRY_SECONDS = 5;

/**
 * The database cannot be reached or is going away (a restart, a failover): the request may well succeed in
 * a few seconds, so it is a 503 with Retry-After rather than a 500. Socket errors, SQLSTATE class 08
 * (connection exception) and 57P01–57P03 (shutdown, cannot connect now), and node-postgres' own messages.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_ERRORS.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code))) return true;
  const msg = err instanceof Error ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/.test(msg);
}

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of class 22 that only bad input causes: string too long, numeric or date out of range, bad text. */
const PG_BAD_VALUE = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);

/** Every 400 names the failing part of the request, so clients can show it next to the right field. */
const invalidJson = () => platformErrors.INVALID_JSON({}, { errors: [{ path: 'body', code: 'INVALID_JSON' }] });

function localise(locale: { localeError: unknown }, issue: object, fallback: string): string {
  try {
    const out = (locale.localeError as (i: object) => string | { message: string } | undefined)(issue);
    if (typeof out === 'string') return out;
    return out?.message ?? fallback;
  } catch {
    return fallback;
  }
}
