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

function Agencies() {
  const { t } = useTranslation();
  const r = useData(() => citizenApi.agencies(), []);
  if (r.error) return <LoadError retry={r.retry} />;
  if (!r.data) return <p className="loading" role="status">{t('app.loading')}</p>;
  const groups = new Map<string, typeof r.data.items>();
  for (const a of r.data.items) {
    const k = ['department', 'service_centre', 'commune_committee'].includes(a.kind) ? a.kind : 'other';
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  return (
    <>
      {[...groups].map(([kind, list]) => (
        <section key={kind} aria-labelledby={`h-kind-${kind}`}>
          <h2 id={`h-kind-${kind}`}>{t(`kind.${kind}`)}</h2>
          <ul className="c-grid">
            {list.map((a) => <li key={a.code}><Link to={`/thu-tuc?agency=${encodeURIComponent(a.code)}&agencyName=${encodeURIComponent(a.name)}`}>{a.name}<small>{t('browse.count', { count: a.count })}</small></Link></li>)}
          </ul>
        </section>
      ))}
    </>
  );
}
