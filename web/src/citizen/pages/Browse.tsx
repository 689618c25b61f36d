// The catalogue by field, by level and by agency (/danh-muc?by=field|level|agency), with counts; each entry
// opens the search results filtered by it.
import { useTranslation } from 'react-i18next';
import { citizenApi } from '../api';
import { LoadError, useData } from '../common';
import { Link, useRoute } from '../router';

type By = 'field' | 'level' | 'agency';

export default function BrowsePage() {
  const { t } = useTranslation();
  const { query } = useRoute();
  const by: By = (['field', 'level', 'agency'] as const).find((x) => x === query.get('by')) ?? 'field';
  return (
    <div className="c-page">
      <h1>{t('browse.title')}</h1>
      <nav aria-label={t('browse.tabs')} className="c-seg">
        {([['field', 'browse.fields'], ['level', 'browse.levels'], ['agency', 'browse.agencies']] as const).map(([k, label]) => (
          <Link key={k} to={`/danh-muc?by=${k}`} aria-current={by === k ? 'page' : undefined}>{t(label)}</Link>
        ))}
      </nav>
      {by === 'field' ? <Fields /> : by === 'level' ? <Levels /> : <Agencies />}
    </div>
  );
}

function Fields() {
  const { t } = useTranslation();
  const r = useData(() => citizenApi.fields(), []);
  if (r.error) return <LoadError retry={r.retry} />;
  if (!r.data) return <p className="loading" role="status">{t('app.loading')}</p>;
  return (
    <ul className="c-grid">
      {r.data.items.map((f) => <li key={f.name}><Link to={`/thu-tuc?field=${encodeURIComponent(f.name)}`}>{f.name}<small>{t('browse.count', { count: f.count })}</small></Link></li>)}
    </ul>
  );
}

function Levels() {
  const { t } = useTranslation();
  const r = useData(() => citizenApi.levels(), []);
  if (r.error) return <LoadError retry={r.retry} />;
  if (!r.data) return <p className="loading" role="status">{t('app.loading')}</p>;
  return (
    <ul className="c-grid">
      {r.data.items.map((l) => <li key={l.level}><Link to={`/thu-tuc?level=${encodeURIComponent(l.level)}`}>{t(`level.${l.level}`, { defaultValue: l.level })}<small>{t('browse.count', { count: l.count })}</small></Link></li>)}
    </ul>
  );
}

/** By agency: each province agency and commune body with the fields it is competent for (field → agency map). */
function Agencies() {
  const { t } = useTranslation();
  const r = useData(() => citizenApi.agencyFields(), []);
  if (r.error) return <LoadError retry={r.retry} />;
  if (!r.data) return <p className="loading" role="status">{t('app.loading')}</p>;
  const levels = (['province', 'commune'] as const).map((level) => [level, r.data!.items.filter((a) => a.level === level)] as const).filter(([, list]) => list.length > 0);
  return (
    <>
      {levels.map(([level, list]) => (
        <section key={level} aria-labelledby={`h-level-${level}`}>
          <h2 id={`h-level-${level}`}>{t(`level.${level}`)}</h2>
          {list.map((a) => {
            const name = a.agencyName ?? t(`kind.${a.communeKind ?? 'other'}`);
            return (
              <details key={a.agencyCode ?? a.communeKind} className="c-case">
                <summary>{name} — {t('browse.count', { count: a.count })}</summary>
                <ul className="c-grid">
                  {a.fields.map((f) => <li key={f.name}><Link to={`/thu-tuc?field=${encodeURIComponent(f.name)}&level=${level}`}>{f.name}<small>{t('browse.count', { count: f.count })}</small></Link></li>)}
                </ul>
              </details>
            );
          })}
        </section>
      ))}
    </>
  );
}
