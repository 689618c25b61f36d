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

  app.post('/api/v1/public/notifications/unsubscribe', {
    schema: { tags: ['notifications'], summary: 'Ngừng nhận thông báo (liên kết có chữ ký) / unsubscribe (signed link)', querystring: UnsubscribeQuery, response: { 200: UnsubscribeOut } },
    config: { anonymous: true },
  }, async (req) => svc.unsubscribe(ctx, req.query));

  // the link in e-mails: opts out and answers with a page in Vietnamese
  app.get('/api/v1/public/notifications/unsubscribe', { schema: { hide: true, querystring: UnsubscribeQuery }, config: { anonymous: true } }, async (req, reply) => {
    const r = await svc.unsubscribe(ctx, req.query);
    return reply.type('text/html; charset=utf-8').send(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Ngừng nhận thông báo</title><body style="font-family:Arial,sans-serif"><h1>Đã ngừng nhận thông báo</h1><p>Địa chỉ <strong>${esc(r.address)}</strong> sẽ không nhận thông báo qua ${r.channel === 'email' ? 'thư điện tử' : 'tin nhắn'} nữa (trừ mã xác thực đăng nhập).</p><p lang="en">${esc(r.address)} will no longer receive notifications by ${r.channel === 'email' ? 'e-mail' : 'SMS'} (sign-in codes excepted).</p></body></html>`,
    );
  });

  app.get('/api/v1/me/notifications/digest', {
    schema: { tags: ['notifications'], summary: 'Nhận tổng hợp hồ sơ hằng ngày? / daily digest opt-in', response: { 200: DigestOut } },
  }, async (req) => svc.getDigest(ctx, requirePrincipal(req)));

  app.put('/api/v1/me/notifications/digest', {
    schema: { tags: ['notifications'], summary: 'Đăng ký / hủy tổng hợp hằng ngày — daily digest opt-in', body: DigestBody, response: { 200: DigestOut } },
  }, async (req) => svc.setDigest(ctx, requirePrincipal(req), req.body.subscribed));
}
