// HTTP of the notifications module: the admins' outbox (messages, dead letters, resend), templates (list,
// versions, save a new version, preview with a real dossier), the public unsubscribe link and the officials'
// daily-digest opt-in.
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, type App } from '../../platform/http/server.js';
import * as svc from './notifications.service.js';
import {
  DigestBody, DigestOut, MessageIdParam, MessageList, MessageOut, MessageQuery, PreviewBody, PreviewOut, TemplateBody, TemplateHistory, TemplateList, TemplateParams,
  UnsubscribeOut, UnsubscribeQuery,
} from './notifications.schema.js';

const channelVi = (c: string) => (c === 'email' ? 'thư điện tử' : 'tin nhắn');
const channelEn = (c: string) => (c === 'email' ? 'e-mail' : 'SMS');
const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><body style="font-family:Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>${title}</h1>${body}</body></html>`;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function notificationRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/admin/notifications/messages', {
    schema: { tags: ['notifications'], summary: 'Thông báo đã gửi / chờ gửi / lỗi — notifications outbox', querystring: MessageQuery, response: { 200: MessageList } },
  }, async (req) => svc.listMessages(ctx, requirePrincipal(req), req.query));

  app.post('/api/v1/admin/notifications/messages/:id/resend', {
    schema: { tags: ['notifications'], summary: 'Gửi lại thông báo lỗi / resend a dead letter', params: MessageIdParam, response: { 200: MessageOut } },
  }, async (req) => svc.resendMessage(ctx, requirePrincipal(req), req.params.id));

  app.get('/api/v1/admin/notifications/templates', {
    schema: { tags: ['notifications'], summary: 'Mẫu thông báo / notification templates', response: { 200: TemplateList } },
  }, async (req) => svc.listTemplates(ctx, requirePrincipal(req)));

  app.get('/api/v1/admin/notifications/templates/:event/:channel', {
    schema: { tags: ['notifications'], summary: 'Các phiên bản của mẫu / template versions', params: TemplateParams, response: { 200: TemplateHistory } },
  }, async (req) => svc.templateHistory(ctx, requirePrincipal(req), req.params.event, req.params.channel));

  app.put('/api/v1/admin/notifications/templates/:event/:channel', {
    schema: { tags: ['notifications'], summary: 'Lưu phiên bản mới của mẫu / save a new template version', params: TemplateParams, body: TemplateBody, response: { 200: TemplateHistory } },
  }, async (req) => svc.saveTemplate(ctx, requirePrincipal(req), req.params.event, req.params.channel, req.body));

  app.post('/api/v1/admin/notifications/templates/:event/:channel/preview', {
    schema: { tags: ['notifications'], summary: 'Xem thử mẫu với một hồ sơ thật / preview with a real dossier', params: TemplateParams, body: PreviewBody, response: { 200: PreviewOut } },
  }, async (req) => svc.previewTemplate(ctx, requirePrincipal(req), req.params.event, req.params.channel, req.body));

  // The signed link: POST opts out — the API, the RFC 8058 one-click POST of mail clients (form body
  // "List-Unsubscribe=One-Click") and the confirmation page's button. GET only asks for confirmation, so a
  // mail scanner that follows every link cannot opt anyone out.
  void app.register(async (scope: App) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post('/api/v1/public/notifications/unsubscribe', {
      schema: { tags: ['notifications'], summary: 'Ngừng nhận thông báo (liên kết có chữ ký) / unsubscribe (signed link)', querystring: UnsubscribeQuery, response: { 200: UnsubscribeOut } },
      config: { anonymous: true },
    }, async (req, reply) => {
      const r = await svc.unsubscribe(ctx, req.query);
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return r;
      // a text/html string is sent as is (Fastify serializes by the schema only JSON replies)
      const html = page('Đã ngừng nhận thông báo',
        `<p>Địa chỉ <strong>${esc(r.address)}</strong> sẽ không nhận thông báo qua ${channelVi(r.channel)} nữa (trừ mã xác thực đăng nhập).</p><p lang="en">${esc(r.address)} will no longer receive notifications by ${channelEn(r.channel)} (sign-in codes excepted).</p>`);
      return reply.type('text/html; charset=utf-8').send(html as unknown as typeof r);
    });
  });

  app.get('/api/v1/public/notifications/unsubscribe', { schema: { hide: true, querystring: UnsubscribeQuery }, config: { anonymous: true } }, async (req, reply) => {
    const v = await svc.verifyUnsubscribe(ctx, req.query);
    const action = `/api/v1/public/notifications/unsubscribe?${new URLSearchParams(req.query)}`;
    return reply.type('text/html; charset=utf-8').send(page('Ngừng nhận thông báo?',
      `<p>Địa chỉ <strong>${esc(v.address)}</strong> sẽ không nhận thông báo về hồ sơ qua ${channelVi(v.channel)} nữa (mã xác thực đăng nhập vẫn được gửi).</p><p lang="en">Stop notifications to ${esc(v.address)} by ${channelEn(v.channel)}? (Sign-in codes are still sent.)</p><form method="post" action="${esc(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" style="font-size:1.1rem;padding:.7rem 1.2rem">Ngừng nhận thông báo / Unsubscribe</button></form>`));
  });

  app.get('/api/v1/me/notifications/digest', {
    schema: { tags: ['notifications'], summary: 'Nhận tổng hợp hồ sơ hằng ngày? / daily digest opt-in', response: { 200: DigestOut } },
  }, async (req) => svc.getDigest(ctx, requirePrincipal(req)));

  app.put('/api/v1/me/notifications/digest', {
    schema: { tags: ['notifications'], summary: 'Đăng ký / hủy tổng hợp hằng ngày — daily digest opt-in', body: DigestBody, response: { 200: DigestOut } },
  }, async (req) => svc.setDigest(ctx, requirePrincipal(req), req.body.subscribed));
}
