// The HTTP server: Fastify 5 + zod type provider, OpenAPI 3.1 at /openapi.json, explorer at /docs,
// problem+json errors, request ids, principal resolution and CSRF protection.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { safeEqual } from '../auth/secrets.js';
import { languageOf, sendProblem, toAppError } from './problem.js';
import { DatabaseWindowStore, SharedWindowStore, bucketKey, rateLimited } from './rate-limit.js';
import type { Lang } from '../i18n/messages.js';
import { platformErrors } from '../platform.errors.js';

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** the API route answers signed-out callers (catalog, look-ups, sign-in); every other one needs a principal */
    anonymous?: boolean;
  }
}

export const SESSION_COOKIE = 'motcua_session';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * The citizen portal's API: no official is resolved there (neither the officials' session cookie nor a
 * bearer token), so an official's cookie in the same browser neither acts on the citizen's behalf nor makes
 * the citizen's writes fail its CSRF check. Every route under it authenticates the citizen itself
 * (citizens/citizen-session.ts: requireCitizen / optionalCitizen).
 */
export const CITIZEN_API_PREFIX = '/api/v1/citizen/';

export interface PrincipalResolver {
  fromSession(token: string, req: FastifyRequest): Promise<Principal | null>;
  fromBearer(token: string, req: FastifyRequest): Promise<Principal>;
}

export interface ServerOptions {
  resolver: PrincipalResolver;
  logger?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function createHttpServer(ctx: AppContext, opts: ServerOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'], serializers: { req: logRequest } },
    bodyLimit: ctx.config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // X-Forwarded-For is believed only from the configured proxies: otherwise any client could choose the
    // IP that rate limits count and the audit log records
    trustProxy: trustProxy(ctx.config.trustProxy),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // errors the router raises before any hook (malformed %-escapes, over-long path parameters)
    frameworkErrors: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const code = err.code;
      const problem =
        code === 'FST_ERR_MAX_PARAM_LENGTH' ? platformErrors.URI_TOO_LONG()
        : code === 'FST_ERR_BAD_URL' ? new AppError(400, 'VALIDATION_FAILED', {}, { errors: [{ path: 'params', code: 'BAD_URL', messageVi: 'Đường dẫn chứa ký tự mã hóa sai.', messageEn: 'The URL contains a malformed escape sequence.' }] })
        : toAppError(err, req);
      reply.header('x-request-id', req.id);
      return sendProblem(req, reply, problem);
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        description: 'Hệ thống thông tin giải quyết thủ tục hành chính — electronic one-stop system',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(cookie);
  // answers compressed (br, else gzip) when the client accepts it: JSON, HTML, text. The web apps' built
  // assets are precompressed at build time (web/vite.config.ts) and served as they are; binary files
  // (PDF, images, Excel) are already compressed and left alone.
  await app.register(compress, {
    global: true,
    // below one TCP segment (~1,400 B of payload) compression saves no packet and costs both ends CPU: the public
    // look-up answer (~1.1 KB) goes as it is
    threshold: 1400,
    encodings: ['br', 'gzip'],
    customTypes: /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|javascript(?:;|$)|(?:\+|\/)xml(?:;|$)/u,
  });
  const https = ctx.config.publicUrl.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: false, // HTML responses get WEB_CSP below; a CSP on PDFs would stop the browser's viewer
    xFrameOptions: { action: 'sameorigin' }, // the web app frames its own PDFs
    referrerPolicy: { policy: 'same-origin' }, // receipt secrets travel in look-up URLs: never to another site
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  const csp = https ? `${WEB_CSP}; upgrade-insecure-requests` : WEB_CSP;
  app.addHook('onSend', async (_req, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) reply.header('content-security-policy', csp);
    return payload;
  });
  const clock = ctx.clock;
  await app.register(rateLimit, {
    global: false,
    // PGlite is one process: its counters stay in memory; on PostgreSQL every process shares the table
    store: ctx.database.kind === 'pglite'
      ? class extends SharedWindowStore { constructor() { super(clock); } }
      : class extends DatabaseWindowStore { constructor() { super(ctx.db, clock); } },
    keyGenerator: bucketKey,
    errorResponseBuilder: rateLimited,
  });

  app.decorateRequest('principal', null);
  app.decorateRequest('lang', 'vi');

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    req.lang = languageOf(req);
    const citizenArea = req.routeOptions.url?.startsWith(CITIZEN_API_PREFIX) ?? false;
    if (citizenArea) return;
    await resolvePrincipal(req, opts.resolver, new URL(ctx.config.publicUrl).origin);
    // the scope follows the route that matched, never the URL text: the router decodes %xx before matching,
    // so '/api/v1/%64ossiers' reaches the dossier routes although its text names no area
    if (req.principal?.scopes) requireScope(req.principal, scopeFor(req.method, req.routeOptions.url));
    // authentication before the body is parsed or validated: a signed-out caller gets 401, and learns
    // nothing about what a protected route accepts from its 400s
    if (!req.principal && req.routeOptions.url?.startsWith('/api/') && !req.routeOptions.config?.anonymous) {
      throw platformErrors.UNAUTHENTICATED();
    }
  });

  // PostgreSQL text cannot hold U+0000: refuse it up front with the field's path instead of failing in SQL
  app.addHook('preValidation', async (req) => {
    const path = nulPath(req.params, 'params') ?? nulPath(req.query, 'querystring') ?? nulPath(req.body, 'body');
    if (path) {
      throw new AppError(400, 'VALIDATION_FAILED', {}, {
        errors: [{ path, code: 'NUL_CHARACTER', messageVi: 'Văn bản chứa ký tự NUL (U+0000) không hợp lệ.', messageEn: 'The text contains a NUL (U+0000) character.' }],
      });
    }
  });

  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, toAppError(err, req)));
  app.setNotFoundHandler((req, reply) =>
    sendProblem(req, reply, platformErrors.ROUTE_NOT_FOUND({ method: req.method, url: req.url.split('?')[0] })),
  );
  return app;
}

/** A hop count becomes proxy-addr's "trust the first N hops" function (Fastify's types take no number). */
function trustProxy(v: boolean | number | string): boolean | string | ((addr: string, hop: number) => boolean) {
  return typeof v === 'number' ? (_addr, hop) => hop < v : v;
}

/** Path ('body.a.0.b') of the first string or key holding U+0000, if any. Iterative: bodies may nest deeply. */
export function nulPath(value: unknown, root: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return path;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

async function resolvePrincipal(req: FastifyRequest, resolver: PrincipalResolver, publicOrigin: string): Promise<void> {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw platformErrors.TOKEN_INVALID();
    req.principal = await resolver.fromBearer(m[1], req);
    return; // bearer requests carry no ambient credentials: no CSRF check needed
  }
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return;
  req.principal = await resolver.fromSession(token, req);
  // Cookie-authenticated writes must come from this site (Origin, when the browser sends it) and echo the
  // session's CSRF token in a header (double submit).
  if (req.principal && !SAFE_METHODS.has(req.method)) {
    if (!sameSite(req, publicOrigin)) throw platformErrors.ORIGIN_REFUSED();
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !req.principal.csrfToken || !safeEqual(sent, req.principal.csrfToken)) {
      throw platformErrors.CSRF_FAILED();
    }
  }
}

/**
 * The web app's Content-Security-Policy: everything from this origin, no inline scripts, no plugins. The
 * print window and the file preview show PDFs the app fetched as blob: URLs in an iframe, and their "Tải PDF"
 * link hands that blob on: frames and fetches may use blob: (created by this origin only).
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Whether a write comes from this site: no Origin (not a browser, or a same-origin form of an old one), or
 * an Origin equal to the public URL's or to the address the request was sent to; never a cross-site fetch.
 */
export function sameSite(req: FastifyRequest, publicOrigin: string): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === publicOrigin || origin === `${req.protocol}://${req.host}`;
}

/** Route guard: the caller must be signed in. */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw platformErrors.UNAUTHENTICATED();
  return req.principal;
}

/**
 * The scope a bearer token needs for a route: `<area>:read` for reads and `<area>:write` for writes,
 * where the area is the first segment after /api/v1/ of the matched route's pattern (`dossiers`,
 * `procedures`, …). `auth` (who am I) needs none, nor do routes outside /api/v1 (health, the web app).
 * Tokens with `*` may do everything; `<area>:write` includes `<area>:read`.
 */
export function scopeFor(method: string, routePattern: string | undefined): string | null {
  const area = /^\/api\/v1\/([a-z-]+)/.exec(routePattern ?? '')?.[1];
  if (!area || area === 'auth') return null;
  return `${area}:${SAFE_METHODS.has(method) ? 'read' : 'write'}`;
}

/** Route guard for bearer tokens: the token must carry the scope (sessions are limited by roles only). */
export function requireScope(p: Principal, scope: string | null): void {
  if (!p.scopes || scope === null) return;
  const [area] = scope.split(':');
  const granted = p.scopes.includes('*') || p.scopes.includes(scope) || (scope.endsWith(':read') && p.scopes.includes(`${area}:write`));
  if (!granted) throw platformErrors.TOKEN_SCOPE({ scope });
}

export const redactUrl = (url: string): string => url.replace(/([?&](?:secret|code_verifier|state|code)=)[^&#]*/gi, '$1[redacted]');

/** Request log line without secrets: receipt secrets travel in the query string of public lookups. */
function logRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    hostname: req.hostname,
    remoteAddress: req.ip,
  };
}
