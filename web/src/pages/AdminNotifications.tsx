// Administration of notifications: the outbox (every SMS and e-mail with its status, filters, dead letters
// with a resend action; messages of the built-in sink marked "chưa gửi ra ngoài") and the templates per event
// and channel (edit → preview with a real dossier → save as a new version; unknown variables are marked on
// the field by the server's 422). Vietnamese first; dates dd/mm/yyyy.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type NotificationTemplate, type TemplatePreview } from '../api';
import { Dialog, ErrorBox, Field, Link, Tabs, TabPanel, useAsync } from '../ui';
import { fmtDateTime } from '../util';
import { CARRIER_NAMES } from '../limits';

type Carrier = keyof typeof CARRIER_NAMES;

const STATUSES = ['queued', 'deferred', 'suppressed', 'attempted', 'sent', 'delivered', 'failed', 'dead', 'unknown'];

function fieldErrors(err: unknown): Record<string, string | undefined> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries((err.problem.errors ?? []).map((e) => [e.path.split('.').pop() ?? e.path, e.message ?? e.messageVi ?? e.code]));
}

export function Notifications() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'outbox' | 'templates'>('outbox');
  return (
    <section className="card">
      <h2>{t('notif.title')}</h2>
      <Tabs id="notif" label={t('notif.title')} tabs={[{ key: 'outbox', label: t('notif.outbox') }, { key: 'templates', label: t('notif.templates') }]} value={tab} onChange={(k) => setTab(k as 'outbox' | 'templates')} />
      <TabPanel id="notif" value={tab}>{tab === 'outbox' ? <Outbox /> : <Templates />}</TabPanel>
    </section>
  );
}

function Outbox() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const [dossier, setDossier] = useState('');
  const [dead, setDead] = useState(false);
  const [page, setPage] = useState(1);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const list = useAsync(() => api.notifications({ status: status || undefined, channel: channel || undefined, dossier: dossier.trim() || undefined, deadLetters: dead || undefined, page, pageSize: 50 }), [status, channel, dossier, dead, page]);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / 50));
  const resend = async (id: string) => {
    setErr(null);
    try {
      await api.resendNotification(id);
      setMsg(t('notif.resent'));
      list.reload();
    } catch (e) { setErr(e); }
  };
  const providers = list.data?.providers;
  return (
    <>
      {providers && (['sms', 'email'] as const).filter((c) => providers[c] === 'recording').map((c) => (
        <div key={c} className="alert" role="note" data-testid={`sink-${c}`}>{t('notif.sink', { channel: t(`notif.channels.${c}`) })}</div>
      ))}
      <div className="row" style={{ flexWrap: 'wrap', gap: '.6rem', alignItems: 'end' }}>
        <Field label={t('notif.status')}>{(id) => (
          <select id={id} value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`notif.statuses.${s}`)}</option>)}
          </select>
        )}</Field>
        <Field label={t('notif.channel')}>{(id) => (
          <select id={id} value={channel} onChange={(e) => { setChannel(e.target.value); setPage(1); }}>
            <option value="">{t('common.all')}</option>
            <option value="sms">{t('notif.channels.sms')}</option>
            <option value="email">{t('notif.channels.email')}</option>
          </select>
        )}</Field>
        <Field label={t('notif.dossier')}>{(id) => <input id={id} value={dossier} onChange={(e) => { setDossier(e.target.value); setPage(1); }} />}</Field>
        <label className="row" style={{ gap: '.3rem' }}><input type="checkbox" checked={dead} onChange={(e) => { setDead(e.target.checked); setPage(1); }} /> {t('notif.deadLetters')}</label>
      </div>
      {msg && <div className="alert ok" role="status">{msg}</div>}
      <ErrorBox error={err ?? list.error} />
      {list.data && list.data.total === 0 && <p className="muted">{t('notif.none')}</p>}
      {list.data && list.data.total > 0 && <>
        <p className="muted">{STATUSES.filter((s) => list.data!.counts[s]).map((s) => `${t(`notif.statuses.${s}`)}: ${list.data!.counts[s]}`).join(' · ')}</p>
        <div className="table-wrap">
          <table data-testid="notifications-table">
            <caption className="sr-only">{t('notif.outbox')}</caption>
            <thead><tr><th scope="col">{t('notif.when')}</th><th scope="col">{t('notif.event')}</th><th scope="col">{t('notif.to')}</th><th scope="col">{t('notif.content')}</th><th scope="col">{t('notif.status')}</th><th scope="col" /></tr></thead>
            <tbody>{list.data.items.map((m) => (
              <tr key={m.id} data-testid="notification-row" data-status={m.status}>
                <td>{fmtDateTime(m.createdAt, i18n.language)}</td>
                <td>{t(`notif.channels.${m.channel}`)}<br />{t(`notif.events.${m.event}`, { defaultValue: m.event })}{m.dossierCode && <><br /><Link to={`/dossiers/${encodeURIComponent(m.dossierCode)}`} className="code">{m.dossierCode}</Link></>}</td>
                <td>{m.recipientName ?? '—'}<br /><span className="code">{m.address}</span></td>
                <td style={{ maxWidth: '32rem', whiteSpace: 'pre-wrap' }}>
                  {m.subject && <strong>{m.subject}<br /></strong>}
                  {m.body.length > 300 ? `${m.body.slice(0, 300)}…` : m.body}
                  {m.attachments.length > 0 && <><br /><span className="muted">{t('notif.attachments')}: {m.attachments.map((a) => a.filename).join(', ')}</span></>}
                  <br /><span className="muted">{t('notif.version')} v{m.templateVersion}</span>
                </td>
                <td>
                  <span className={`badge ${['failed', 'dead', 'unknown'].includes(m.status) ? 'bad' : ''}`}>{t(`notif.statuses.${m.status}`, { defaultValue: m.status })}</span>
                  {m.notSentOutside && <><br /><span className="muted">({t('notif.notSentOutside')})</span></>}
                  {m.notBefore && m.status === 'deferred' && <><br /><span className="muted">→ {fmtDateTime(m.notBefore, i18n.language)}</span></>}
                  {m.lastError && <><br /><span className="error-text">{m.lastError}</span></>}
                </td>
                <td>{m.resendable && <button onClick={() => resend(m.id)}>{t('notif.resend')}</button>}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
        {pages > 1 && <nav className="row" aria-label={t('common.pagination')}>
          <button disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.prev')}</button>
          <span>{t('common.page', { page, pages })}</span>
          <button disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </nav>}
      </>}
    </>
  );
}

function Templates() {
  const { t, i18n } = useTranslation();
  const list = useAsync(() => api.notificationTemplates(), []);
  const [editing, setEditing] = useState<NotificationTemplate | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const en = i18n.language === 'en';
  return (
    <>
      {msg && <div className="alert ok" role="status">{msg}</div>}
      <ErrorBox error={list.error} />
      {list.data && <div className="table-wrap">
        <table data-testid="templates-table">
          <caption className="sr-only">{t('notif.templates')}</caption>
          <thead><tr><th scope="col">{t('notif.event')}</th><th scope="col">{t('notif.channel')}</th><th scope="col">{t('notif.content')}</th><th scope="col">{t('notif.version')}</th><th scope="col" /></tr></thead>
          <tbody>{list.data.items.map((x) => (
            <tr key={`${x.event}/${x.channel}`} data-testid="template-row">
              <td>{en ? x.label.en : x.label.vi}</td>
              <td>{t(`notif.channels.${x.channel}`)}</td>
              <td style={{ maxWidth: '36rem', whiteSpace: 'pre-wrap' }}>{x.subject && <strong>{x.subject}<br /></strong>}{x.body.length > 200 ? `${x.body.slice(0, 200)}…` : x.body}</td>
              <td>v{x.version}</td>
              <td><button onClick={() => { setMsg(null); setEditing(x); }}>{t('common.edit')}</button></td>
            </tr>
          ))}</tbody>
        </table>
      </div>}
      {editing && <TemplateDialog tpl={editing} onClose={() => setEditing(null)} onSaved={(v) => { setEditing(null); setMsg(t('notif.savedVersion', { v })); list.reload(); }} />}
    </>
  );
}

function TemplateDialog({ tpl, onClose, onSaved }: { tpl: NotificationTemplate; onClose: () => void; onSaved: (version: number) => void }) {
  const { t, i18n } = useTranslation();
  const [subject, setSubject] = useState(tpl.subject ?? '');
  const [body, setBody] = useState(tpl.body);
  const [dossierCode, setDossierCode] = useState('');
  // a new text must be registered with the carriers again: the ids start empty for every new version
  const [carrierIds, setCarrierIds] = useState<Partial<Record<Carrier, string>>>({});
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = fieldErrors(err);
  const text = { subject: tpl.channel === 'email' ? subject : null, body };
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setErr(null);
    try { await f(); } catch (e) { setErr(e); } finally { setBusy(false); }
  };
  return (
    <Dialog wide title={`${t('notif.edit')} — ${i18n.language === 'en' ? tpl.label.en : tpl.label.vi} (${t(`notif.channels.${tpl.channel}`)})`} onClose={onClose} footer={<>
      <button disabled={busy} onClick={() => run(async () => setPreview(await api.previewNotificationTemplate(tpl.event, tpl.channel, { ...text, dossierCode: dossierCode.trim() || undefined })))}>{t('notif.preview')}</button>
      <button className="primary" disabled={busy} onClick={() => run(async () => {
        const carrierTemplates = Object.fromEntries(Object.entries(carrierIds).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v));
        const h = await api.saveNotificationTemplate(tpl.event, tpl.channel, { ...text, baseVersion: tpl.version, ...(tpl.channel === 'sms' ? { carrierTemplates } : {}) });
        onSaved(h.versions[0]!.version);
      })}>{t('notif.saveVersion')}</button>
      <button onClick={onClose}>{t('common.cancel')}</button>
    </>}>
      <p className="muted">{t('notif.variables')}: {tpl.variables.map((v) => <code key={v} style={{ marginRight: '.4rem' }}>{`{{${v}}}`}</code>)}</p>
      {tpl.channel === 'email' && <Field label={t('notif.subject')} error={fe.subject}>{(id, d) => <input id={id} aria-describedby={d} value={subject} onChange={(e) => setSubject(e.target.value)} style={{ width: '100%' }} />}</Field>}
      <Field label={t('notif.body')} error={fe.body}>{(id, d) => <textarea id={id} aria-describedby={d} rows={tpl.channel === 'email' ? 10 : 4} value={body} onChange={(e) => setBody(e.target.value)} style={{ width: '100%' }} />}</Field>
      <p className="muted">{t('notif.characters', { n: body.length })}</p>
      {tpl.channel === 'sms' && <fieldset data-testid="carrier-templates">
        <legend>{t('notif.carrierTemplates')}</legend>
        <p className="muted">{t('notif.carrierTemplatesHint')}</p>
        <div className="grid">{(Object.keys(CARRIER_NAMES) as Carrier[]).map((c) => (
          <Field key={c} label={CARRIER_NAMES[c]} error={fe[`carrierTemplates.${c}`]}>{(id, d) => <input id={id} aria-describedby={d} value={carrierIds[c] ?? ''} maxLength={64} onChange={(e) => setCarrierIds((x) => ({ ...x, [c]: e.target.value }))} />}</Field>
        ))}</div>
      </fieldset>}
      <Field label={t('notif.previewWith')} error={fe.dossierCode}>{(id, d) => <input id={id} aria-describedby={d} value={dossierCode} onChange={(e) => setDossierCode(e.target.value)} />}</Field>
      <ErrorBox error={err} />
      {preview && <div className="card" data-testid="template-preview" style={{ whiteSpace: 'pre-wrap' }}>
        {preview.subject && <p><strong>{preview.subject}</strong></p>}
        <p>{preview.body}</p>
        <p className="muted">{t('notif.characters', { n: preview.characters })}</p>
        {preview.sms && <p data-testid="sms-segments">{t('notif.segments', { n: preview.sms.segments, encoding: preview.sms.encoding })}{preview.sms.strippedDiacritics && <><br /><span className="muted">{t('notif.strippedSent')}: {preview.sms.textSent}</span></>}</p>}
      </div>}
    </Dialog>
  );
}
