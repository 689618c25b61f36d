// The Q&A of a procedure's page: published answers (searched without diacritics by the server) and, for a
// signed-in citizen, the form to ask (sent to the agency that performs the procedure; chosen when several).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, HttpError, send, type Procedure } from '../api';
import { LoadError, useData } from '../common';
import { Link } from '../router';
import { signInHref, useCitizen } from '../session';
import { fmtDate } from '../../util';
import './petitions-i18n';

interface PublicQa { code: string; content: string; answer: string; askedAt: string; agency: { name: string } | null }

export default function ProcedureQa({ p }: { p: Procedure }) {
  const { t, i18n } = useTranslation();
  const { citizen, ready } = useCitizen();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useData(() => get<{ items: PublicQa[] }>(`/api/v1/public/questions?procedure=${encodeURIComponent(p.code)}${query ? `&q=${encodeURIComponent(query)}` : ''}`), [p.code, query]);
  const [text, setText] = useState('');
  const [agency, setAgency] = useState(p.agencies.length === 1 ? p.agencies[0]!.code : '');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      const r = await send<{ code: string; dueAt: string }>('POST', '/api/v1/citizen/questions', { procedureCode: p.code, content: text, agencyCode: agency || undefined });
      setMsg({ ok: true, text: t('cpet.qa.sent', { code: r.code, due: fmtDate(r.dueAt, i18n.language) }) });
      setText('');
    } catch (err) {
      setMsg({ ok: false, text: err instanceof HttpError ? err.body.errors?.[0]?.message ?? err.body.title ?? err.message : String(err) });
    }
  };
  return (
    <section id="hoi-dap" aria-labelledby="h-hoi-dap" className="c-page c-qa">
      <h2 id="h-hoi-dap">{t('cpet.qa.title')}</h2>
      <form role="search" className="c-search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); }}>
        <label htmlFor="qa-search">{t('cpet.qa.search')}</label>
        <div className="c-search-row">
          <input id="qa-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="qa-search-hint" maxLength={200} />
          <button type="submit" className="c-button primary">{t('cpet.qa.searchBtn')}</button>
        </div>
        <p id="qa-search-hint" className="c-hint">{t('cpet.qa.searchHint')}</p>
      </form>
      {list.error ? <LoadError retry={list.retry} /> : list.data && (list.data.items.length === 0 ? <p>{t('cpet.qa.none')}</p> : (
        <ul className="c-list" data-testid="qa-list">
          {list.data.items.map((x) => (
            <li key={x.code} className="c-card">
              <p className="c-card-title">{x.content}</p>
              <p className="c-card-meta"><span>{t('cpet.qa.askedAt', { date: fmtDate(x.askedAt, i18n.language) })}</span>{x.agency && <span>{x.agency.name}</span>}</p>
              <p><strong>{t('cpet.qa.answer')}:</strong> {x.answer}</p>
            </li>
          ))}
        </ul>
      ))}
      <h3>{t('cpet.qa.ask')}</h3>
      {ready && !citizen && <p><Link to={signInHref(`/thu-tuc/${encodeURIComponent(p.code)}`)} className="c-button">{t('cpet.qa.signIn')}</Link></p>}
      {citizen && (
        <form className="c-form" onSubmit={ask}>
          {p.agencies.length > 1 && (
            <div className="c-field">
              <label htmlFor="qa-agency">{t('cpet.qa.agency')}</label>
              <select id="qa-agency" value={agency} onChange={(e) => setAgency(e.target.value)} required>
                <option value="">—</option>
                {p.agencies.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
              </select>
            </div>
          )}
          <div className="c-field">
            <label htmlFor="qa-text">{t('cpet.qa.question')}</label>
            <textarea id="qa-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={3000} required />
          </div>
          <button type="submit" className="c-button primary">{t('cpet.qa.send')}</button>
          {msg && <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'c-ok' : 'c-alert'} data-testid="qa-sent">{msg.text}</p>}
        </form>
      )}
    </section>
  );
}
