// Shared pieces of the citizen pages: data loading, time limits in words, the search form, result list.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureItem } from './api';
import { Link, navigate } from './router';

export function useData<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; loading: boolean; retry: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then((data) => live && setState({ data, loading: false }), (error) => live && setState({ error, loading: false }));
    return () => { live = false; };
  }, [...deps, n]); // eslint-disable-line react-hooks/exhaustive-deps
  return { ...state, retry: () => setN((x) => x + 1) };
}

export function LoadError({ retry }: { retry: () => void }) {
  const { t } = useTranslation();
  return <div className="c-alert" role="alert"><p>{t('app.error')}</p><button type="button" className="c-button" onClick={retry}>{t('app.retry')}</button></div>;
}

/** "15 ngày làm việc", "Trong ngày" / "15 working days". */
export function useLimitText(): (l: { value: number; unit: string; text?: string } | null | undefined) => string {
  const { t, i18n } = useTranslation();
  return (l) => {
    if (!l) return t('proc.noLimit');
    const known = ['working_days', 'days', 'hours', 'working_hours', 'months', 'same_day'].includes(l.unit);
    if (!known) return l.text || `${l.value}`;
    return t(`unit.${l.unit}`, { n: new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN').format(l.value), count: l.value });
  };
}

export function SearchForm({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = q.trim();
    navigate(s ? `/thu-tuc?q=${encodeURIComponent(s)}` : '/thu-tuc');
  };
  return (
    <form role="search" className="c-search" onSubmit={submit}>
      <label htmlFor={id}>{t('search.label')}</label>
      <div className="c-search-row">
        <input id={id} type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')}
          aria-describedby={`${id}-hint`} autoComplete="off" enterKeyHint="search" maxLength={200} autoFocus={autoFocus} />
        <button type="submit" className="c-button primary">{t('search.submit')}</button>
      </div>
      <p id={`${id}-hint`} className="c-hint">{t('search.hint')}</p>
    </form>
  );
}

export function ProcedureList({ items }: { items: ProcedureItem[] }) {
  const { t } = useTranslation();
  const limit = useLimitText();
  return (
    <ul className="c-list">
      {items.map((p) => (
        <li key={p.code}>
          <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`} className="c-card">
            <span className="c-card-title">{p.name}</span>
            <span className="c-card-meta">
              <span>{p.code}</span>
              {p.field && <span>{p.field}</span>}
              {p.levels.map((l) => <span key={l}>{t(`level.${l}`, { defaultValue: l })}</span>)}
              {p.timeLimit && <span>{limit(p.timeLimit)}</span>}
              {p.channels.includes('online') && <span className="c-tag">{t('channel.online')}</span>}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
