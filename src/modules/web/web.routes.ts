// The two web apps (web/, built by Vite into web/dist) served by the motcua server itself: the citizen
// portal (citizen.html) at `/` with its client routes (catalogue, tracking at /tra-cuu), the officials'
// workspace (index.html) under /can-bo. Old officials' URLs (/inbox, /dossiers/…) redirect to /can-bo/….
// Built assets are served precompressed (.br / .gz written by the build). Plus the tiny public endpoint
// the sign-in page needs to know whether single sign-on (OIDC) is configured.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';

import { platformErrors } from '../../platform/platform.errors.js';

/** web/dist of this checkout (src/modules/web → ../../../web/dist). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Paths that never fall back to the app's index.html (API, docs, health, built assets: a missing asset is a
 * 404). Tested on the decoded path, whatever the case: '/API/v1/x' and '/%61pi/v1/x' are API paths too.
 */
const NOT_APP = /^\/+(api|docs|openapi\.json|health|ready|assets)(\/|$)/i;

/** The officials' workspace prefix (web/src/ui.tsx BASE). */
export const OFFICIALS_BASE = '/can-bo';

/** First path segments of the officials' app before it moved under /can-bo: their links redirect there. */
const OLD_OFFICIAL = /^\/(reception|inbox|dossiers|dashboard|admin|print|login)(\/|$)/;

function decodedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export async function webRoutes(app: App, ctx: AppContext, opts: { dist?: string } = {}): Promise<void> {
  app.get('/api/v1/auth/options', {
    config: { anonymous: true },
    schema: {
      tags: ['auth'],
      summary: 'Cách đăng nhập được hỗ trợ / sign-in options (public)',
      response: { 200: z.object({ password: z.boolean(), oidc: z.boolean(), languages: z.array(z.string()) }) },
    },
  }, async () => ({ password: true, oidc: !!ctx.config.oidc, languages: ['vi', 'en'] }));

  const dist = opts.dist ?? WEB_DIST;
  // Built assets (content-hashed names) are looked up when requested, so a rebuild while the server runs
  // is picked up; index.html is read per request for the same reason.
  await app.register(fastifyStatic, {
    root: join(dist, 'assets'), prefix: '/assets/', wildcard: true, index: false, schemaHide: true,
    immutable: true, maxAge: '365d', preCompressed: true,
  } as never);
  const sendIndex = (file: 'index.html' | 'citizen.html') => async (req: { url: string; method: string }, reply: any) => {
    if (NOT_APP.test(decodedPath(req.url))) throw platformErrors.ROUTE_NOT_FOUND({ method: req.method, url: req.url.split('?')[0] });
    if (!existsSync(join(dist, file))) {
      return reply.type('text/html; charset=utf-8').send(
        '<!doctype html><meta charset="utf-8"><title>motcua</title><p>Ứng dụng web chưa được build: chạy <code>npm run build:web</code>. / The web app is not built: run <code>npm run build:web</code>.</p>',
      );
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile(file, dist, { cacheControl: false });
  };
  const officials = sendIndex('index.html');
  const citizen = sendIndex('citizen.html');
  app.get(OFFICIALS_BASE, { schema: { hide: true } }, officials);
  app.get(`${OFFICIALS_BASE}/*`, { schema: { hide: true } }, officials);
  app.get('/', { schema: { hide: true } }, citizen);
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url;
    if (OLD_OFFICIAL.test(decodedPath(url))) return reply.redirect(`${OFFICIALS_BASE}${url.startsWith('/') ? url : `/${url}`}`, 301);
    return citizen(req, reply);
  });
}
