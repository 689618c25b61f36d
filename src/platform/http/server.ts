// The HTTP server: Fastify 5 + zod type provider, OpenAPI 3.1 at /openapi.json, explorer at /docs,
// problem+json errors, request ids, principal resolution and CSRF protection.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { safeEqual } from '../auth/secrets.js';
import { languageOf, sendProblem, toAppError } from './problem.js';
import type { Lang } from '../i18n/messages.js';

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    lang: Lang;
  }
}

export const SESSION_COOKIE = 'motcua_session';
export const CSRF_HEADER = 'x-csrf-token';

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
    logger: opts.logger === false ? false : { level: ctx.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: ctx.config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: true,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
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
  await app.register(rateLimit, { global: false });

  app.decorateRequest('principal', null);
  app.decorateRequest('lang', 'vi');

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    req.lang = languageOf(req);
    await resolvePrincipal(req, opts.resolver);
  });

  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, toAppError(err, req)));
  app.setNotFoundHandler((req, reply) =>
    sendProblem(req, reply, new AppError(404, 'ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] })),
  );
  return app;
}

async function resolvePrincipal(req: FastifyRequest, resolver: PrincipalResolver): Promise<void> {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new AppError(401, 'TOKEN_INVALID');
    req.principal = await resolver.fromBearer(m[1], req);
    return; // bearer requests carry no ambient credentials: no CSRF check needed
  }
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return;
  req.principal = await resolver.fromSession(token, req);
  // Cookie-authenticated writes must echo the session's CSRF token in a header (double submit).
  if (req.principal && !SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !req.principal.csrfToken || !safeEqual(sent, req.principal.csrfToken)) {
      throw new AppError(403, 'CSRF_FAILED');
    }
  }
}

/** Route guard: the caller must be signed in. */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError(401, 'UNAUTHENTICATED');
  return req.principal;
}

/** Route guard for bearer tokens: the token must carry the scope (sessions are limited by roles only). */
export function requireScope(p: Principal, scope: string): void {
  if (p.scopes && !p.scopes.includes(scope) && !p.scopes.includes('*')) throw new AppError(403, 'TOKEN_SCOPE', { scope });
}
