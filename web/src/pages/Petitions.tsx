// Officials' petitions (phản ánh, kiến nghị) and Q&A: the inbox by deadline (in progress / due soon /
// overdue), a petition with its history and the actions the caller may take (assign, refuse, ask for
// information, answer, publish or send), recording a desk/phone petition, and the Q&A inbox.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api';
import { ErrorBox, Field, Tabs, TabPanel, useAsync, useLocation, navigate } from '../ui';
import { fmtDate, fmtDateTime } from '../util';
import './petitions-i18n';

type Petition = {
  code: string; kind: string; channel: string; status: string; title: string; content: string; procedureCode: string | null; dossierCode: string | null;
  agency: { code: string; name: string } | null; petitioner: Petitioner;
  receivedAt: string; handleDueAt: string; answer: string | null; refuseReason: string | null; infoRequest: string | null; rating: string | null; overdue: boolean; actions: string[]; version: number;
  events?: Array<{ kind: string; toStatus: string; actor: string; actorKind: 'citizen' | 'official' | 'system'; actorName: string | null; at: string }>;
};
/** name null: the citizen gave none (their phone or e-mail identifies them). */
type Petitioner = { name: string | null; phone: string | null; email: string | null; address: string | null; masked: boolean };
type Question = { code: string; source: 'local' | 'dvcqg'; procedureCode: string | null; procedureName: string | null; agency: { code: string; name: string } | null; asker: Petitioner; content: string; status: string; answer: string | null; dueAt: string; askedAt: string; overdue: boolean; version: number };

const VIEWS = ['open', 'due_soon', 'overdue', 'closed', 'all'] as const;

type T = (key: string) => string;
/** One line for a list: the name, else the contact the citizen signed in with, else "Người dân". */
const shortName = (p: Petitioner, t: T) => p.name ?? p.phone ?? p.email ?? t('pet.citizen');
/** Who acted, as people say it: the official's name, the petitioner (by name when shown), the system. */
function actorOf(e: { actorKind: string; actorName: string | null; actor: string }, t: T): string {
  if (e.actorKind === 'official') return e.actorName ?? e.actor;
  if (e.actorKind === 'citizen') return e.actorName ? `${e.actorName} (${t('pet.petitionerLower')})` : t('pet.citizen');
  return t('pet.system');
}

export default function PetitionsPage() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const tab = path.startsWith('/petitions/qa') ? 'qa' : 'petitions';
  return (
    <section className="page">
      <h1>{t('pet.title')}</h1>
      <Tabs id="pet-main" label={t('pet.tabs')} value={tab} onChange={(k) => navigate(k === 'qa' ? '/petitions/qa' : '/petitions')}
        tabs={[{ key: 'petitions', label: t('pet.title') }, { key: 'qa', label: t('pet.qaTitle') }]} />
      <TabPanel id="pet-main" value={tab}>{tab === 'qa' ? <QaInbox /> : <PetitionInbox />}</TabPanel>
    </section>
  );
}

function PetitionInbox() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<(typeof VIEWS)[number]>('open');
  const [open, setOpen] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const list = useAsync(() => request<{ items: Petition[] }>('GET', `/api/v1/petitions?view=${view}`), [view]);
  return (
    <>
      <div className="toolbar">
        <Tabs id="pet-view" label={t('pet.tabs')} value={view} onChange={(k) => setView(k)} tabs={VIEWS.map((v) => ({ key: v, label: t(`pet.view.${v}`) }))} />
        <button type="button" onClick={() => setRecording(!recording)} aria-expanded={recording}>{t('pet.record')}</button>
      </div>
      {recording && <RecordForm onDone={(code) => { setRecording(false); list.reload(); setOpen(code); }} />}
      <ErrorBox error={list.error} />
      <TabPanel id="pet-view" value={view}>
        {list.data && list.data.items.length === 0 && <p>{t('pet.none')}</p>}
        {list.data && list.data.items.length > 0 && (
          <table className="grid" data-testid="petition-list">
            <thead><tr><th>{t('pet.code')}</th><th>{t('pet.titleLabel')}</th><th>{t('pet.kindLabel')}</th><th>{t('pet.petitioner')}</th><th>{t('pet.receivedAt')}</th><th>{t('pet.handleDue')}</th><th>{t('pet.agency')}</th><th>{t('pet.statusLabel')}</th></tr></thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.code} className={p.overdue ? 'overdue' : ''}>
                  <td><button type="button" className="link" onClick={() => setOpen(open === p.code ? null : p.code)} aria-expanded={open === p.code}>{p.code}</button></td>
                  <td>{p.title}</td>
                  <td>{t(`pet.kind.${p.kind}`)} · {t(`pet.channel.${p.channel}`)}</td>
                  <td>{shortName(p.petitioner, t)}{p.petitioner.masked && <small> {t('pet.masked')}</small>}</td>
                  <td>{fmtDate(p.receivedAt, i18n.language)}</td>
                  <td>{fmtDate(p.handleDueAt, i18n.language)}{p.overdue && <strong> · {t('pet.overdue')}</strong>}</td>
                  <td>{p.agency?.name ?? '—'}</td>
                  <td>{t(`pet.status.${p.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </TabPanel>
      {open && <PetitionPanel code={open} onChanged={list.reload} />}
    </>
  );
}

function PetitionPanel({ code, onChanged }: { code: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const p = useAsync(() => request<Petition>('GET', `/api/v1/petitions/${encodeURIComponent(code)}`), [code]);
  const [action, setAction] = useState<string | null>(null);
  const [form, setForm] = useState<Record<string, string | boolean>>({ public: true });
  const [error, setError] = useState<unknown>(null);
  const d = p.data;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!d || !action) return;
    setError(null);
    try {
      await request('POST', `/api/v1/petitions/${encodeURIComponent(code)}/actions/${action}`, { version: d.version, ...form });
      setAction(null);
      setForm({ public: true });
      p.reload();
      onChanged();
    } catch (err) { setError(err); }
  };
  if (!d) return <ErrorBox error={p.error} />;
  const set = (k: string) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <article className="panel" aria-labelledby="pet-h" data-testid="petition-panel">
      <h2 id="pet-h">{d.code} — {d.title}</h2>
      <dl className="kv">
        <div><dt>{t('pet.statusLabel')}</dt><dd data-testid="petition-status">{t(`pet.status.${d.status}`)}</dd></div>
        <div><dt>{t('pet.kindLabel')}</dt><dd>{t(`pet.kind.${d.kind}`)}</dd></div>
        <div><dt>{t('pet.petitioner')}</dt><dd data-testid="petition-petitioner">{[d.petitioner.name ?? t('pet.citizen'), d.petitioner.phone, d.petitioner.email, d.petitioner.address].filter(Boolean).join(' · ')}{d.petitioner.masked && ` ${t('pet.masked')}`}</dd></div>
        <div><dt>{t('pet.handleDue')}</dt><dd>{fmtDateTime(d.handleDueAt, i18n.language)}</dd></div>
        {d.procedureCode && <div><dt>{t('pet.procedure')}</dt><dd>{d.procedureCode}</dd></div>}
        {d.dossierCode && <div><dt>{t('pet.dossier')}</dt><dd>{d.dossierCode}</dd></div>}
        {d.rating && <div><dt>{t('pet.rating')}</dt><dd>{t(`pet.${d.rating}`)}</dd></div>}
      </dl>
      <p className="pre">{d.content}</p>
      {d.answer && <><h3>{t('pet.answer')}</h3><p className="pre">{d.answer}</p></>}
      <div className="actions">
        {d.actions.map((a) => <button key={a} type="button" onClick={() => setAction(a)} aria-pressed={action === a}>{t(`pet.action.${a}`)}</button>)}
      </div>
      {action && (
        <form onSubmit={submit} aria-label={t(`pet.action.${action}`)}>
          {action === 'assign' && <>
            <Field label={t('pet.agencyCode')} required>{(id) => <input id={id} name="agencyCode" onChange={set('agencyCode')} required />}</Field>
            <Field label={t('pet.kindLabel')}>{(id) => <select id={id} name="kind" defaultValue={d.kind} onChange={set('kind')}><option value="regulation">{t('pet.kind.regulation')}</option><option value="behaviour">{t('pet.kind.behaviour')}</option></select>}</Field>
          </>}
          {action === 'refuse' && <Field label={t('pet.reason')} required>{(id) => <textarea id={id} name="reason" onChange={set('reason')} required />}</Field>}
          {action === 'request_info' && <Field label={t('pet.message')} required>{(id) => <textarea id={id} name="message" onChange={set('message')} required />}</Field>}
          {action === 'answer' && <Field label={t('pet.answer')} required>{(id) => <textarea id={id} name="answer" rows={5} onChange={set('answer')} required />}</Field>}
          {action === 'publish' && <label className="check"><input type="checkbox" name="public" checked={form.public === true} onChange={(e) => setForm({ ...form, public: e.target.checked })} /> {t('pet.public')}</label>}
          <ErrorBox error={error} />
          <button type="submit" className="primary">{t('pet.send')}</button>
        </form>
      )}
      {d.events && <><h3>{t('pet.history')}</h3><ol className="history" data-testid="petition-history">{d.events.map((e, i) => <li key={i}>{fmtDateTime(e.at, i18n.language)} — {t(`pet.status.${e.toStatus}`)} — {actorOf(e, t)}</li>)}</ol></>}
    </article>
  );
}

function RecordForm({ onDone }: { onDone: (code: string) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Record<string, string>>({ channel: 'desk', kind: 'regulation' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await request<Petition>('POST', '/api/v1/petitions', {
        channel: f.channel, kind: f.kind, title: f.title, content: f.content, procedureCode: f.procedureCode || undefined, dossierCode: f.dossierCode || undefined,
        petitioner: { name: f.name, phone: f.phone || undefined, email: f.email || undefined, address: f.address || undefined },
      });
      onDone(r.code);
    } catch (err) { setError(err); }
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('pet.record')}>
      <h2>{t('pet.record')}</h2>
      <Field label={t('pet.channelLabel')}>{(id) => <select id={id} value={f.channel} onChange={set('channel')}><option value="desk">{t('pet.channel.desk')}</option><option value="phone">{t('pet.channel.phone')}</option></select>}</Field>
      <Field label={t('pet.kindLabel')}>{(id) => <select id={id} value={f.kind} onChange={set('kind')}><option value="regulation">{t('pet.kind.regulation')}</option><option value="behaviour">{t('pet.kind.behaviour')}</option></select>}</Field>
      <Field label={t('pet.name')} required>{(id) => <input id={id} onChange={set('name')} required />}</Field>
      <Field label={t('pet.phone')}>{(id) => <input id={id} type="tel" onChange={set('phone')} />}</Field>
      <Field label={t('pet.email')}>{(id) => <input id={id} type="email" onChange={set('email')} />}</Field>
      <Field label={t('pet.address')}>{(id) => <input id={id} onChange={set('address')} />}</Field>
      <Field label={t('pet.titleLabel')} required>{(id) => <input id={id} onChange={set('title')} required maxLength={200} />}</Field>
      <Field label={t('pet.content')} required>{(id) => <textarea id={id} onChange={set('content')} required rows={4} />}</Field>
      <Field label={t('pet.procedure')}>{(id) => <input id={id} onChange={set('procedureCode')} />}</Field>
      <Field label={t('pet.dossier')}>{(id) => <input id={id} onChange={set('dossierCode')} />}</Field>
      <ErrorBox error={error} />
      <button type="submit" className="primary">{t('pet.save')}</button>
    </form>
  );
}

function QaInbox() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<'asked' | 'answered' | 'published' | 'all'>('asked');
  const list = useAsync(() => request<{ items: Question[] }>('GET', `/api/v1/questions?status=${status}`), [status]);
  return (
    <>
      <Tabs id="qa-view" label={t('pet.qa.inbox')} value={status} onChange={(k) => setStatus(k)} tabs={(['asked', 'answered', 'published', 'all'] as const).map((k) => ({ key: k, label: t(`pet.qa.${k}`) }))} />
      <ErrorBox error={list.error} />
      <TabPanel id="qa-view" value={status}>
        {list.data?.items.length === 0 && <p>{t('pet.qa.none')}</p>}
        <ul className="cards" data-testid="question-list">
          {list.data?.items.map((q) => <QuestionItem key={q.code} q={q} lang={i18n.language} onChanged={list.reload} />)}
        </ul>
      </TabPanel>
    </>
  );
}

function QuestionItem({ q, lang, onChanged }: { q: Question; lang: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState(q.answer ?? '');
  const [publish, setPublish] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await request('POST', `/api/v1/questions/${encodeURIComponent(q.code)}/answer`, { version: q.version, answer, publish });
      onChanged();
    } catch (err) { setError(err); }
  };
  return (
    <li className="panel">
      <h3>{q.code} — {q.procedureCode ? `${q.procedureCode} ${q.procedureName ?? ''}`.trim() : q.agency?.name ?? '—'}</h3>
      {q.source === 'dvcqg' && <p className="meta" data-testid="question-source">{t('pet.qa.fromPortal')}</p>}
      <p className="meta">{t('pet.qa.asker')}: {shortName(q.asker, t)} · {t('pet.qa.due')}: {fmtDate(q.dueAt, lang)}{q.overdue && ` · ${t('pet.overdue')}`} · {t(`pet.qa.${q.status}`)}</p>
      <p className="pre">{q.content}</p>
      <form onSubmit={submit} aria-label={`${t('pet.qa.answerBtn')} ${q.code}`}>
        <Field label={t('pet.answer')} required>{(id) => <textarea id={id} value={answer} onChange={(e) => setAnswer(e.target.value)} required rows={3} />}</Field>
        <label className="check"><input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> {t('pet.qa.publish')}</label>
        <ErrorBox error={error} />
        <button type="submit" className="primary">{t('pet.qa.answerBtn')}</button>
      </form>
    </li>
  );
}
