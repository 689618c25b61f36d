// One procedure of the catalogue (/thu-tuc/{code}): online level (NĐ 42/2022), cases and their papers
// (with the blank forms), how to file with the time limit and fees of each channel, where to file,
// steps, requirements, result and legal basis — all from the catalogue record.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { citizenApi, HttpError, type Procedure } from '../api';
import { LoadError, useData, useLimitText } from '../common';
import { Link } from '../router';
import { fmtDate } from '../../util';
import ProcedureQa from './ProcedureQa';

export default function ProcedurePage({ code }: { code: string }) {
  const { t } = useTranslation();
  const res = useData(() => citizenApi.procedure(code), [code]);
  if (res.error) {
    if (res.error instanceof HttpError && (res.error.status === 404 || res.error.status === 400)) {
      return <div className="c-page"><h1>{t('proc.notFound', { code })}</h1><p><Link to="/" className="c-button">{t('app.home')}</Link></p></div>;
    }
    return <div className="c-page"><LoadError retry={res.retry} /></div>;
  }
  if (!res.data) return <p className="loading" role="status">{t('app.loading')}</p>;
  return <><ProcedureView p={res.data} /><ProcedureQa p={res.data} /></>;
}

/** The page of one procedure record (exported for the server-side render check over the whole catalogue). */
export function ProcedureView({ p }: { p: Procedure }) {
  const { t, i18n } = useTranslation();
  const limit = useLimitText();
  const lang = i18n.language;
  const money = (n: number) => `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(n)} đồng`;
  const byId = new Map(p.components.map((c) => [c.id, c]));
  const papers = p.components.filter((c) => !c.note);
  const notes = p.components.filter((c) => c.note);
  const where = p.receivingAddress || p.agencies.length > 0;
  return (
    <article className="c-page c-proc">
      <p className="c-crumbs"><Link to="/">{t('nav.home')}</Link> › {p.field ? <Link to={`/thu-tuc?field=${encodeURIComponent(p.field)}`}>{p.field}</Link> : t('nav.browse')}</p>
      <h1>{p.name}</h1>
      <dl className="c-facts">
        <div><dt>{t('proc.code')}</dt><dd>{p.code}</dd></div>
        {p.field && <div><dt>{t('proc.field')}</dt><dd>{p.field}</dd></div>}
        <div><dt>{t('proc.levels')}</dt><dd>{p.levels.map((l) => t(`level.${l}`, { defaultValue: l })).join(', ') || t('proc.none')}</dd></div>
        <div><dt>{t('proc.timeLimit')}</dt><dd>{limit(p.timeLimit)}</dd></div>
      </dl>
      <div className={`c-online ${p.onlineLevel}`} data-online={p.onlineLevel}>
        <strong>{t(`online.${p.onlineLevel}`)}</strong>
        <p>{t(`online.${p.onlineLevel}Hint`)}</p>
        {p.onlineLevel !== 'none' && <p><Link to={`/nop-ho-so/${encodeURIComponent(p.code)}`} className="c-button primary">{t('nav.submitOnline')}</Link></p>}
      </div>

      <Section id="giay-to" title={p.cases.length > 1 ? t('proc.cases') : t('proc.components')}>
        {p.cases.length > 1 ? (
          <>
            <p>{t('proc.caseCount', { count: p.cases.length })}</p>
            {p.cases.map((c, i) => (
              <details key={c.key} className="c-case" open={i === 0}>
                <summary>{c.title}</summary>
                <Papers list={c.components.map((x) => byId.get(x.id)).filter((x): x is Procedure['components'][number] => !!x && !x.note)} sourceUrl={p.sourceUrl} />
              </details>
            ))}
          </>
        ) : <Papers list={papers} sourceUrl={p.sourceUrl} />}
        {notes.length > 0 && <ul className="c-notes">{notes.map((n) => <li key={n.id}>{n.name}</li>)}</ul>}
      </Section>

      <Section id="cach-nop" title={t('proc.channels')}>
        {p.channels.length === 0 ? <p>{t('proc.none')}</p> : (
          <ul className="c-channels">
            {p.channels.map((c, ci) => (
              <li key={ci} data-channel={c.kind}>
                <h3>{t(`channel.${c.kind}`)}</h3>
                <dl>
                  <div><dt>{t('proc.timeLimit')}</dt><dd>{c.timeLimit ? limit(c.timeLimit) : (c.timeText || t('proc.noLimit'))}</dd></div>
                  <div><dt>{t('proc.fees')}</dt><dd>{c.fees.length === 0 ? t('proc.free') : (
                    <ul>{c.fees.map((f, i) => f.amountVnd === 0
                      ? <li key={i}>{t('proc.free')}{f.note ? ` (${f.note})` : ''}</li>
                      : <li key={i}>{f.amountVnd !== null ? money(f.amountVnd) : f.text}{f.name && f.name !== f.text && !/^phí,? lệ phí$/i.test(f.name) ? ` — ${f.name}` : ''}{f.note ? ` (${f.note})` : ''}</li>)}</ul>
                  )}</dd></div>
                </dl>
                {c.description && <Long text={c.description} />}
              </li>
            ))}
          </ul>
        )}
        {p.timeLimit?.source === 'admin' && p.timeLimit.basis && <p className="c-hint">{t('proc.limitNote')}: {limit(p.timeLimit)} — {p.timeLimit.basis}</p>}
      </Section>

      <Section id="noi-nop" title={t('proc.where')}>
        {p.receivingAddress && <Long text={p.receivingAddress} />}
        {!where && <p>{t('proc.whereDefault')}</p>}
        {p.agencies.length > 0 && (
          <>
            <h3>{t('proc.agencies')}</h3>
            <AgencyList agencies={p.agencies} />
          </>
        )}
        {p.implementingAgency && <p>{p.implementingAgency}</p>}
      </Section>

      {p.applicants && <Section id="doi-tuong" title={t('proc.applicants')}><p>{p.applicants}</p></Section>}
      {p.steps && <Section id="trinh-tu" title={t('proc.steps')}><Long text={p.steps} /></Section>}
      {p.requirements && <Section id="dieu-kien" title={t('proc.requirements')}><Long text={p.requirements} /></Section>}
      {p.results.length > 0 && (
        <Section id="ket-qua" title={t('proc.results')}>
          <ul>{p.results.map((r, i) => <li key={i}>{r.name}{r.code ? ` (${r.code})` : ''}</li>)}</ul>
        </Section>
      )}
      <Section id="can-cu" title={t('proc.legal')}>
        {p.legalBasis.length === 0 ? <p>{t('proc.none')}</p> : (
          <ul className="c-legal">
            {p.legalBasis.map((l, i) => (
              <li key={i}>{l.number && <strong>{l.number}</strong>} {l.title}{l.issuedAt ? ` (${t('proc.issuedAt', { date: fmtDate(l.issuedAt, lang) })})` : ''}{l.issuer ? ` — ${l.issuer}` : ''}</li>
            ))}
          </ul>
        )}
      </Section>
      <p className="c-hint">
        {p.decisionNumber && <>{t('proc.decision')}: {p.decisionNumber}. </>}
        {p.sourceUrl && <>{t('proc.source')}: <a href={p.sourceUrl} rel="noreferrer" target="_blank">{t('proc.templateLink')}</a></>}
      </p>
    </article>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return <section id={id} aria-labelledby={`h-${id}`}><h2 id={`h-${id}`}>{title}</h2>{children}</section>;
}

function Papers({ list, sourceUrl }: { list: Procedure['components']; sourceUrl: string | null }) {
  const { t } = useTranslation();
  const anyTemplate = list.some((c) => c.templates.length > 0 || c.template);
  return (
    <>
      <ol className="c-papers">
        {list.map((c) => {
          const counts = [
            c.originals > 0 && t('proc.original', { count: c.originals }),
            c.certifiedCopies > 0 && t('proc.certified', { count: c.certifiedCopies }),
            c.copies > 0 && t('proc.copy', { count: c.copies }),
          ].filter(Boolean).join(', ');
          const templates = c.templates.length > 0 ? c.templates : c.template ? [c.template] : [];
          return (
            <li key={c.id}>
              <span>{c.name}</span>
              {(counts || !c.required) && <small>{[counts, !c.required && t('proc.optional')].filter(Boolean).join(' · ')}</small>}
              {templates.length > 0 && (
                <span className="c-templates">{t('proc.template')}: {templates.map((f, i) => (
                  sourceUrl ? <a key={i} href={sourceUrl} target="_blank" rel="noreferrer">{f}</a> : <span key={i}>{f}</span>
                ))}</span>
              )}
            </li>
          );
        })}
      </ol>
      {anyTemplate && <p className="c-hint">{sourceUrl ? <>{t('proc.templateHint')} <a href={sourceUrl} target="_blank" rel="noreferrer">{t('proc.templateLink')}</a></> : t('proc.noTemplateLink')}</p>}
    </>
  );
}

/** Long catalogue text: its lines as paragraphs, the first few shown, the rest behind a button. */
function Long({ text }: { text: string }) {
  const { t } = useTranslation();
  const lines = text.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  const [open, setOpen] = useState(false);
  const shown = open ? lines : lines.slice(0, 6);
  return (
    <div className="c-long">
      {shown.map((l, i) => <p key={i}>{l}</p>)}
      {lines.length > 6 && <button type="button" className="c-button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? t('proc.less') : t('proc.more')}</button>}
    </div>
  );
}

function AgencyList({ agencies }: { agencies: Procedure['agencies'] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const shown = open ? agencies : agencies.slice(0, 8);
  return (
    <>
      <ul className="c-agencies">{shown.map((a) => <li key={a.code}>{a.name}</li>)}</ul>
      {agencies.length > 8 && <button type="button" className="c-button" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? t('proc.less') : `${t('proc.more')} (${agencies.length})`}</button>}
    </>
  );
}
