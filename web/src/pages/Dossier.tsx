// Dossier page: summary, components, control slip (timeline with on-time marks), event log, the allowed
// actions as buttons with their dialogs, printing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, PAYMENT_METHODS, type Agency, type Dossier, type FileInfo } from '../api';
import { BASE, Dialog, ErrorBox, Field, FileDrop, FileIcon, Link, StatusBadge, useAsync, useSession } from '../ui';
import { DateInput } from '../DateInput';
import { fmtDateTime, fmtLocalDate, isoToLocalInput, localDate, localInputToIso } from '../util';
import { AddressText, openPrint, partyLabel } from './Print';
import { Remaining, useWorkCalendar } from './Inbox';
import { DossierPortalSync } from './DossierPortalSync';
import { DossierPostal } from './DossierPostal';
import { FeeLinesEditor, linesPayload, linesReady, type EditLine } from './FeeLinesEditor';
import { DossierKiosk } from './DossierKiosk';

/** Fields each action's dialog asks for. */
type Kind = 'text' | 'textarea' | 'lines' | 'number' | 'date' | 'datetime' | 'agency' | 'step' | 'backstep' | 'method' | 'payMethod' | 'official';
interface Spec { key: string; label: string; kind: Kind; required?: boolean }
const SPECS: Record<string, Spec[]> = {
  forward: [{ key: 'assigneeId', label: 'act.assignee', kind: 'official' }],
  approve: [],
  send_back: [{ key: 'toStep', label: 'act.sendBackTo', kind: 'backstep', required: true }, { key: 'reason', label: 'act.reason', kind: 'textarea', required: true }],
  request_supplement: [{ key: 'reason', label: 'act.reason', kind: 'textarea', required: true }, { key: 'items', label: 'act.items', kind: 'lines' }],
  request_completion: [{ key: 'reason', label: 'act.reason', kind: 'textarea', required: true }, { key: 'items', label: 'act.items', kind: 'lines' }],
  refuse: [{ key: 'reason', label: 'act.reason', kind: 'textarea', required: true }],
  reject: [{ key: 'reason', label: 'act.reason', kind: 'textarea', required: true }],
  record_result: [
    { key: 'doc.number', label: 'act.docNumber', kind: 'text', required: true }, { key: 'doc.date', label: 'act.docDate', kind: 'date', required: true },
    { key: 'doc.signer', label: 'act.docSigner', kind: 'text', required: true }, { key: 'doc.title', label: 'act.docTitle', kind: 'text' },
  ],
  return_transfer: [{ key: 'doc.number', label: 'act.docNumber', kind: 'text' }, { key: 'doc.date', label: 'act.docDate', kind: 'date' }, { key: 'doc.signer', label: 'act.docSigner', kind: 'text' }],
  return_result: [{ key: 'method', label: 'act.method', kind: 'method', required: true }, { key: 'trackingNumber', label: 'act.tracking', kind: 'text' }, { key: 'recipient', label: 'act.recipient', kind: 'text' }],
  transfer: [{ key: 'agencyCode', label: 'act.agency', kind: 'agency', required: true }, { key: 'hours', label: 'act.hours', kind: 'number' }],
  consult: [{ key: 'agencyCode', label: 'act.agency', kind: 'agency', required: true }, { key: 'hours', label: 'act.hours', kind: 'number', required: true }, { key: 'question', label: 'act.question', kind: 'textarea' }],
  answer_consultation: [{ key: 'answer', label: 'act.answer', kind: 'textarea', required: true }],
  request_payment: [{ key: 'reason', label: 'act.reason', kind: 'text' }],
  confirm_payment: [{ key: 'amount', label: 'act.amount', kind: 'number' }, { key: 'receiptNumber', label: 'act.receiptNumber', kind: 'text' }, { key: 'method', label: 'act.payMethod', kind: 'payMethod' }],
  apologize: [{ key: 'reason', label: 'act.reason', kind: 'textarea', required: true }, { key: 'newDueAt', label: 'act.newDueAt', kind: 'datetime', required: true }],
  assign: [{ key: 'userId', label: 'act.user', kind: 'official', required: true }],
  stop: [{ key: 'reason', label: 'act.reason', kind: 'textarea' }, { key: 'noticeNumber', label: 'act.noticeNumber', kind: 'text' }],
  request_withdrawal: [{ key: 'reason', label: 'act.reason', kind: 'textarea' }],
  cancel_withdrawal: [{ key: 'reason', label: 'act.reason', kind: 'textarea' }],
};

/** Actions that may carry files (the documents API attaches them to the event). */
const ATTACHABLE = new Set(['record_result', 'return_transfer', 'receive_supplement', 'request_supplement', 'forward', 'approve', 'reject', 'answer_consultation', 'consult', 'transfer', 'return_result', 'stop']);

/** The step's usual next move: shown as the prominent button. */
const MAIN_ACTIONS = new Set(['claim', 'accept', 'forward', 'approve', 'record_result', 'return_result', 'receive_supplement', 'return_transfer', 'resubmit', 'confirm_payment', 'answer_consultation']);

/** Forms that have data for this dossier (the server answers 409 otherwise). */
function formsOf(d: Dossier): string[] {
  const s = d.detail as Record<string, any>;
  const out: string[] = [];
  if (d.code) out.push('01');
  if (s.completionRequests > 0 || s.supplementRequests > 0) out.push('02');
  if (d.state === 'refused') out.push('03');
  if (s.apologies > 0) out.push('04');
  if (d.state === 'stopped') out.push('05');
  if (d.code) out.push('06');
  return out;
}

function buildPayload(action: string, v: Record<string, string>): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const s of SPECS[action] ?? []) {
    const raw = (v[s.key] ?? '').trim();
    if (!raw || s.key.startsWith('doc.')) continue;
    if (s.kind === 'number') p[s.key] = Number(raw);
    else if (s.kind === 'lines') p[s.key] = raw.split('\n').map((x) => x.trim()).filter(Boolean);
    else if (s.kind === 'datetime') p[s.key] = localInputToIso(raw);
    else p[s.key] = raw;
  }
  const doc = { number: v['doc.number']?.trim(), date: v['doc.date']?.trim(), signer: v['doc.signer']?.trim(), title: v['doc.title']?.trim() || undefined };
  if (action === 'record_result') p.documents = [doc];
  if (action === 'return_transfer' && doc.number) p.result = [doc];
  return p;
}

export function DossierPage({ dossierRef }: { dossierRef: string }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const en = i18n.language === 'en';
  const data = useAsync(() => Promise.all([api.dossier(dossierRef), api.allowed(dossierRef), api.controlSlip(dossierRef), api.events(dossierRef)]), [dossierRef]);
  const agencies = useAsync(() => api.agencies().then((r) => r.items), []);
  const cal = useWorkCalendar(me.roles[0]?.agencyCode);
  const [action, setAction] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const files = useAsync(() => api.dossierFiles(dossierRef).catch(() => null), [dossierRef]);
  const [upErr, setUpErr] = useState<unknown>(null);
  const [viewing, setViewing] = useState<FileInfo | null>(null);
  if (data.error) return <><Link to="/inbox">← {t('dossier.back')}</Link><ErrorBox error={data.error} /></>;
  if (!data.data) return <p className="loading">{t('app.loading')}</p>;
  const [d, allowed, slip, events] = data.data;
  const label = (a: string) => { const l = allowed.labels.find((x) => x.action === a); return l ? (en ? l.en : l.vi) : a; };
  const ap = d.applicant;
  const result = d.detail.result as { outcome: string; documents: Array<{ number: string; date: string; signer: string }> } | null;
  return (
    <>
      <p><Link to="/inbox">← {t('dossier.back')}</Link></p>
      <div className="dossier-head">
        <h1 className="code big">{d.code ?? t('inbox.noCode')}</h1>
        <StatusBadge status={d.nationalStatus} />
        {d.overdue && <span className="badge late">{t('inbox.overdue')}</span>}
        {!d.overdue && d.dueSoon && <span className="badge st5">{t('inbox.dueSoon')}</span>}
        <span className="spacer" />
        <label className="sr-only" htmlFor="forms">{t('files.forms')}</label>
        <select id="forms" style={{ width: 'auto' }} value="" onChange={(e) => { if (e.target.value) window.open(`/api/v1/dossiers/${encodeURIComponent(d.code ?? d.id)}/forms/${e.target.value}.pdf`, '_blank'); }}>
          <option value="">{t('files.forms')}…</option>
          {formsOf(d).map((f) => <option key={f} value={f}>{t(`forms.f${f}`)}</option>)}
        </select>
        <button onClick={() => window.open(`${BASE}/print/slip/${encodeURIComponent(d.code ?? d.id)}`, '_blank')}>{t('dossier.printSlip')}</button>
        <button onClick={() => window.print()}>{t('dossier.printPage')}</button>
      </div>
      {msg && <div className="alert ok" role="status">{msg}</div>}
      <div className="dossier">
        <div>
          <section className="card" aria-labelledby="d-sum">
            <h2 id="d-sum">{t('dossier.summary')}</h2>
            <dl className="kv">
              <dt>{t('dossier.procedure')}</dt><dd><span className="code">{d.procedure.code}</span> {d.procedure.name}</dd>
              <dt>{t('dossier.applicant')}</dt><dd><strong>{ap.fullName}</strong>{ap.organisation?.name ? ` — ${ap.organisation.name}` : ''}</dd>
              <dt>{t('dossier.idNumber')}</dt><dd>{ap.idNumber ?? '—'}</dd>
              <dt>{t('dossier.phone')}</dt><dd>{ap.phone ?? '—'}</dd>
              {ap.address && <><dt>{t('dossier.address')}</dt><dd><AddressText a={ap.address} /></dd></>}
              <dt>{t('dossier.status')}</dt><dd title={d.state}>{t(`status.${d.nationalStatus}`)}</dd>
              <dt>{t('dossier.step')}</dt><dd>{d.step ? (en ? d.step.nameEn : d.step.nameVi) : '—'}</dd>
              <dt>{t('dossier.holder')}</dt><dd>{d.agencies.current?.name ?? '—'}</dd>
              <dt>{t('dossier.receiving')}</dt><dd>{d.agencies.receiving?.name ?? '—'}</dd>
              <dt>{t('dossier.competent')}</dt><dd>{d.agencies.competent?.name ?? '—'}</dd>
              <dt>{t('dossier.submittedAt')}</dt><dd>{fmtDateTime(d.submittedAt, i18n.language)} · {t(`channel.${d.channel}`)}</dd>
              <dt>{t('dossier.acceptedAt')}</dt><dd>{fmtDateTime(d.acceptedAt, i18n.language)}</dd>
              <dt>{t('dossier.dueAt')}</dt><dd><strong>{fmtDateTime(d.dueAt, i18n.language)}</strong> <Remaining item={d} cal={cal} /></dd>
              {d.originalDueAt && d.originalDueAt !== d.dueAt && <><dt>{t('dossier.originalDueAt')}</dt><dd>{fmtDateTime(d.originalDueAt, i18n.language)}</dd></>}
              {d.stepDueAt && ![3, 8, 10].includes(d.nationalStatus) && <><dt>{t('dossier.stepDueAt')}</dt><dd>{fmtDateTime(d.stepDueAt, i18n.language)}</dd></>}
            </dl>
            {result && (
              <>
                <h3>{t('dossier.resultDocs')}</h3>
                <ul>{result.documents.map((x, i) => <li key={i}>{x.number} · {fmtLocalDate(String(x.date ?? ''))} · {x.signer}</li>)}</ul>
              </>
            )}
          </section>

          <section className="card" aria-labelledby="d-comp">
            <h2 id="d-comp">{t('dossier.components')}</h2>
            <ul>
              {((d.filing.components ?? []) as Array<{ name: string; provided?: boolean; form?: string; copies?: number }>).map((c, i) => (
                <li key={i}>{c.provided === false ? '☐' : '☑'} {c.name} {c.form && <small>· {t(`reception.${c.form}`)} × {c.copies ?? 1}</small>}</li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="d-files">
            <h2 id="d-files">{t('files.title')}</h2>
            {files.data && files.data.items.length === 0 && <p className="muted">{t('files.none')}</p>}
            <ul>
              {files.data?.items.map((f) => (
                <li key={f.id}><a href={`/api/v1/files/${f.id}`} target="_blank" rel="noreferrer">{f.name}</a>
                  {(f.mediaType.startsWith('image/') || f.mediaType === 'application/pdf') && <> <button className="small" onClick={() => setViewing(f)}>{t('files.view')}</button></>} <small>· {f.component?.name ?? f.purpose} · {Math.ceil(f.size / 1024)} KB · {fmtDateTime(f.uploadedAt, i18n.language)}</small></li>
              ))}
            </ul>
            <FileDrop label={t('files.upload')} onFile={async (f) => {
              setUpErr(null);
              try { const r = await api.uploadToDossier(d.code ?? d.id, f, { purpose: 'other' }); setMsg(t('files.uploaded', { name: r.name })); files.reload(); } catch (e) { setUpErr(e); }
            }} />
            <ErrorBox error={upErr} />
          </section>

          <section className="card" aria-labelledby="d-slip">
            <h2 id="d-slip">{t('dossier.timeline')}</h2>
            <div className="table-wrap">
              <table aria-labelledby="d-slip">
                <thead><tr><th scope="col">#</th><th scope="col">{t('dossier.giver')} → {t('dossier.receiver')}</th><th scope="col">{t('dossier.at')}</th><th scope="col">{t('dossier.result')}</th></tr></thead>
                <tbody>
                  {slip.rows.map((r, i) => (
                    <tr key={i}>
                      <td>{i + 1}</td>
                      <td>{partyLabel(r.giver as any, slip.agencies, i18n.language)}<br />→ {r.receiver.applicant ? t('dossier.citizen') : partyLabel(r.receiver as any, slip.agencies, i18n.language)}{r.note && <div><small>{r.note}</small></div>}</td>
                      <td>{fmtDateTime(r.at, i18n.language)}{r.dueAt && <div><small>{t('dossier.stepDueAt')}: {fmtDateTime(r.dueAt, i18n.language)}</small></div>}</td>
                      <td>{r.classification && <span className={`badge ${r.classification}`}>{t(`dossier.${r.classification}`)}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby="d-ev">
            <h2 id="d-ev">{t('dossier.events')}</h2>
            <ol>
              {events.items.map((e) => (
                <li key={e.version}>{fmtDateTime(e.at, i18n.language)} — <strong>{t(`actions.${e.action}`, { defaultValue: e.action })}</strong>
                  {' · '}<span data-testid="actor">{e.actorName ?? (e.actor.citizen ? t('log.citizen') : t('log.system'))}</span>
                  {e.assigneeName && <> · {t('log.to', { name: e.assigneeName })}</>}
                  {e.fromState !== e.toState || e.action === 'forward' ? (en ? e.stepNameEn : e.stepNameVi) && <> · {t('log.step', { step: en ? e.stepNameEn : e.stepNameVi })}</> : null}
                  {typeof e.payload?.reason === 'string' && <> · {e.payload.reason}</>}{e.note && <> · <em>{e.note}</em></>}</li>
              ))}
            </ol>
          </section>

          {d.code && d.nationalStatus === 10 && <DossierKiosk code={d.code} />}
          {d.code && <DossierPostal code={d.code} version={d.version} />}
          {d.code && <DossierPortalSync code={d.code} version={d.version} />}
        </div>

        <aside className="side">
          <section className="card actions-bar" aria-labelledby="d-act">
            <h2 id="d-act">{t('dossier.actions')}</h2>
            {allowed.allowed.length === 0 && <p className="muted">{t('dossier.noActions')}</p>}
            {allowed.labels.map((l) => (
              <button key={l.action} data-action={l.action} className={['refuse', 'reject', 'stop'].includes(l.action) ? 'danger' : MAIN_ACTIONS.has(l.action) ? 'primary' : ''} onClick={() => setAction(l.action)}>
                {en ? l.en : l.vi}
              </button>
            ))}
          </section>
        </aside>
      </div>
      {viewing && <FileViewer file={viewing} onClose={() => setViewing(null)} />}
      {action && (
        <ActionDialog dossier={d} action={action} title={label(action)} agencies={agencies.data ?? []}
          onClose={() => setAction(null)}
          onDone={(r) => { setAction(null); setMsg(t('dossier.done', { action: label(action) })); const doc = r.receipt ?? r.guidance ?? r.refusal; if (doc) openPrint(doc); data.reload(); files.reload(); }} />
      )}
    </>
  );
}

/** PDF / image viewer: the file is fetched (the API sends it as an attachment) and shown from a blob URL. */
function FileViewer({ file, onClose }: { file: FileInfo; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  useEffect(() => {
    let u: string | null = null;
    fetch(`/api/v1/files/${file.id}`, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((b) => { u = URL.createObjectURL(new Blob([b], { type: file.mediaType })); setUrl(u); }, setErr);
    return () => { if (u) URL.revokeObjectURL(u); };
  }, [file]);
  return (
    <Dialog title={file.name} onClose={onClose} wide footer={<button className="primary" onClick={onClose}>{t('common.close')}</button>}>
      <ErrorBox error={err} />
      {url && (file.mediaType === 'application/pdf'
        ? <iframe src={url} title={file.name} style={{ width: '100%', height: '70vh', border: 0 }} />
        : <img src={url} alt={file.name} style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }} />)}
    </Dialog>
  );
}

function ActionDialog({ dossier, action, title, agencies, onClose, onDone }: {
  dossier: Dossier; action: string; title: string; agencies: Agency[]; onClose: () => void; onDone: (r: { receipt?: any; guidance?: any; refusal?: any }) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const specs = SPECS[action] ?? [];
  const [v, setV] = useState<Record<string, string>>(() => ({
    method: action === 'return_result' ? (dossier.filing.delivery?.method ?? 'counter') : '',
    'doc.date': localDate(new Date()),
    newDueAt: dossier.dueAt ? isoToLocalInput(new Date(new Date(dossier.dueAt).getTime() + 3 * 86_400_000).toISOString()) : '',
    recipient: action === 'return_result' ? dossier.applicantName : '',
  }));
  const [note, setNote] = useState('');
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [attached, setAttached] = useState<Array<{ id: string; name: string }>>([]);
  const [feeLines, setFeeLines] = useState<EditLine[] | null>(null);
  const purpose = action === 'record_result' || action === 'return_transfer' ? 'result' : action === 'receive_supplement' ? 'supplement' : 'other';
  const visited = (dossier.detail.visitedSteps as string[] | undefined)?.filter((k) => k !== dossier.stepKey) ?? [];
  const missing = specs.filter((s) => s.required && !(v[s.key] ?? '').trim());
  const linesMissing = action === 'request_payment' && !linesReady(feeLines);
  async function run() {
    setBusy(true); setErr(null);
    try {
      const payload = buildPayload(action, v);
      if (action === 'request_payment' && feeLines) payload.lines = linesPayload(feeLines);
      if (attached.length > 0) {
        const docs = (payload.documents ?? payload.result) as Array<Record<string, unknown>> | undefined;
        if (docs?.[0] && attached.length === 1) docs[0].fileId = attached[0]!.id;
        else payload.fileIds = attached.map((a) => a.id);
      }
      const r = await api.act(dossier.code ?? dossier.id, action, dossier.version, payload, note);
      onDone(r);
    } catch (e) {
      setErr(e);
      if (e instanceof ApiError && e.status === 409 && e.code === 'VERSION_CONFLICT') setErr(new Error(t('dossier.conflict')));
    } finally { setBusy(false); }
  }
  return (
    <Dialog title={title} onClose={onClose} footer={<>
      <button onClick={onClose}>{t('common.cancel')}</button>
      <button className="primary" disabled={busy || missing.length > 0 || linesMissing} onClick={() => void run()}>{t('act.run')}</button>
    </>}>
      {action === 'request_payment' && <FeeLinesEditor dossierRef={dossier.code ?? dossier.id} lines={feeLines} onChange={(ls) => { setFeeLines(ls); setErr(null); }} error={err} />}
      {specs.length === 0 && <p>{t('act.confirmText', { action: title, code: dossier.code ?? '' })}</p>}
      {specs.map((s) => (
        <Field key={s.key} label={t(s.label)} required={s.required}>
          {(id) => {
            const val = v[s.key] ?? '';
            const set = (x: string) => setV((o) => ({ ...o, [s.key]: x }));
            switch (s.kind) {
              case 'textarea': case 'lines': return <textarea id={id} name={s.key} value={val} onChange={(e) => set(e.target.value)} />;
              case 'number': return <input id={id} name={s.key} type="number" min={0} value={val} onChange={(e) => set(e.target.value)} />;
              case 'date': return <DateInput id={id} name={s.key} value={val} onChange={(iso, text) => set(iso ?? text)} />;
              case 'datetime': return <DateInput withTime id={id} name={s.key} value={val} onChange={(iso, text) => set(iso ?? text)} />;
              case 'agency': return (
                <select id={id} name={s.key} value={val} onChange={(e) => set(e.target.value)}>
                  <option value="">—</option>
                  {agencies.filter((a) => !a.validTo && a.id !== dossier.currentAgencyId).map((a) => <option key={a.code} value={a.code}>{'  '.repeat(a.depth)}{a.name} ({a.code})</option>)}
                </select>
              );
              case 'backstep': return (
                <select id={id} name={s.key} value={val} onChange={(e) => set(e.target.value)}>
                  <option value="">{t('log.pickStep')}</option>
                  {visited.map((k) => { const st = dossier.steps.find((x) => x.key === k); return <option key={k} value={k}>{st ? (en ? st.nameEn : st.nameVi) : k}</option>; })}
                </select>
              );
              case 'method': return (
                <select id={id} name={s.key} value={val} onChange={(e) => set(e.target.value)}>
                  <option value="counter">{t('reception.counter')}</option><option value="post">{t('reception.post')}</option><option value="online">{t('reception.online')}</option>
                </select>
              );
              case 'official': return <OfficialSelect id={id} name={s.key} dossier={dossier} action={action} value={val} onChange={set} />;
              case 'payMethod': return (
                <select id={id} name={s.key} value={val} onChange={(e) => set(e.target.value)}>
                  <option value="">{t('act.pickPayMethod')}</option>
                  {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{t(`act.payMethods.${m}`)}</option>)}
                </select>
              );
              default: return <input id={id} name={s.key} value={val} onChange={(e) => set(e.target.value)} />;
            }
          }}
        </Field>
      ))}
      <Field label={t('act.note')}>{(id) => <textarea id={id} name="note" value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      {ATTACHABLE.has(action) && (
        <div className="field">
          <span className="label">{t('files.title')}</span>
          {attached.length > 0 && <ul>{attached.map((a) => <li key={a.id}><FileIcon />{a.name}</li>)}</ul>}
          <FileDrop label={t('files.title')} busy={busy} onFile={async (f) => {
            setBusy(true); setErr(null);
            try { const r = await api.uploadToDossier(dossier.code ?? dossier.id, f, { purpose }); setAttached((xs) => [...xs, { id: r.id, name: r.name }]); } catch (e) { setErr(e); } finally { setBusy(false); }
          }} />
        </div>
      )}
      <ErrorBox error={err} />
    </Dialog>
  );
}

/** The officials who can take the dossier (GET /dossiers/{code}/assignees): the next step's for a forward, this step's for an assignment. */
function OfficialSelect({ id, name, dossier, action, value, onChange }: { id: string; name: string; dossier: Dossier; action: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const list = useAsync(() => api.assignees(dossier.code ?? dossier.id, action === 'forward' ? 'forward' : 'assign'), [dossier.id, dossier.version, action]);
  const items = list.data?.items ?? [];
  return (
    <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-busy={list.loading}>
      <option value="">{items.length || list.loading ? (action === 'forward' ? t('log.anyone') : t('inbox.pickOfficial')) : t('inbox.noOfficials')}</option>
      {items.map((o) => <option key={o.id} value={o.id}>{o.fullName} — {[...new Set(o.roles.map((r) => t(`roles.${r.role}`)))].join(', ')}</option>)}
    </select>
  );
}
