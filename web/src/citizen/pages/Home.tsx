// The home page (search, common procedures, browse shortcuts, tracking) and the search results page
// (/thu-tuc?q=&field=&level=&agency=&page=). Searching works with or without Vietnamese diacritics.
import { useTranslation } from 'react-i18next';
import { citizenApi } from '../api';
import { LoadError, ProcedureList, SearchForm, useData } from '../common';
import { Link, useRoute } from '../router';

/** Procedures most citizens look for (codes of the national catalogue; names as the catalogue has them). */
const COMMON: Array<[code: string, name: string]> = [
  ['1.001193', 'Thủ tục đăng ký khai sinh'],
  ['1.000894', 'Thủ tục đăng ký kết hôn'],
  ['1.000656', 'Thủ tục đăng ký khai tử'],
  ['1.004222', 'Đăng ký thường trú'],
  ['1.004194', 'Đăng ký tạm trú'],
  ['1.004873', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân'],
  ['2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản'],
  ['1.001612', 'Đăng ký thành lập hộ kinh doanh'],
  ['3.000333', 'Cấp Phiếu Lý lịch tư pháp'],
  ['2.000200', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'],
];

export function HomePage() {
  const { t } = useTranslation();
  const fields = useData(() => citizenApi.fields(), []);
  return (
    <>
      <section className="c-hero">
        <h1>{t('app.subtitle')}</h1>
        <p>{t('home.lead')}</p>
        <SearchForm />
      </section>
      <div className="c-page">
        <section aria-labelledby="h-common">
          <h2 id="h-common">{t('home.common')}</h2>
          <ul className="c-chips">
            {COMMON.map(([code, name]) => <li key={code}><Link to={`/thu-tuc/${code}`}>{name}</Link></li>)}
          </ul>
        </section>
        <section aria-labelledby="h-fields">
          <h2 id="h-fields">{t('home.byField')}</h2>
          {fields.error ? <LoadError retry={fields.retry} /> : (
            <ul className="c-grid">
              {(fields.data?.items ?? []).slice(0, 8).map((f) => (
                <li key={f.name}><Link to={`/thu-tuc?field=${encodeURIComponent(f.name)}`}>{f.name}<small>{t('browse.count', { count: f.count })}</small></Link></li>
              ))}
            </ul>
          )}
          <p><Link to="/danh-muc" className="c-button">{t('home.browse')}</Link></p>
        </section>
        <section aria-labelledby="h-track" className="c-box">
          <h2 id="h-track">{t('home.trackTitle')}</h2>
          <p>{t('home.trackLead')}</p>
          <p><Link to="/tra-cuu" className="c-button primary">{t('home.trackGo')}</Link></p>
        </section>
      </div>
    </>
  );
}

/** A result count as people read it: "1.000" in Vietnamese, "1.000+" when the search stopped counting there. */
function resultCount(total: number, capped: boolean | undefined, lang: string): string {
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(total)}${capped ? '+' : ''}`;
}

export function SearchPage() {
  const { t, i18n } = useTranslation();
  const { query } = useRoute();
  const q = query.get('q') ?? '';
  const field = query.get('field') ?? undefined;
  const level = query.get('level') ?? undefined;
  const agency = query.get('agency') ?? undefined;
  const agencyName = query.get('agencyName') ?? agency;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const res = useData(() => citizenApi.search({ q: q || undefined, field, level, agency, page }), [q, field, level, agency, page]);
  const pages = res.data ? Math.max(1, Math.ceil(res.data.total / 20)) : 1;
  // past the counted total there are more pages: "Trang 50 / 50+" still offers the next one
  const capped = !!res.data?.totalCapped;
  const pagesShown = capped ? `${pages}+` : String(pages);
  const filter = field ?? (level ? t(`level.${level}`, { defaultValue: level }) : agencyName);
  const link = (p: number) => {
    const s = new URLSearchParams(query);
    s.set('page', String(p));
    return `/thu-tuc?${s}`;
  };
  return (
    <div className="c-page">
      <SearchForm initial={q} />
      <h1 className="c-h1-small" aria-live="polite">{q ? t('search.resultsFor', { q }) : t('nav.browse')}
        {res.data && <small> — {t('search.results', { count: res.data.total, n: resultCount(res.data.total, capped, i18n.language) })}</small>}</h1>
      {filter && <p className="c-filter">{t('search.filtered')}: <strong>{filter}</strong> <Link to={q ? `/thu-tuc?q=${encodeURIComponent(q)}` : '/danh-muc'}>{t('search.clear')}</Link></p>}
      {res.error ? <LoadError retry={res.retry} /> : res.loading && !res.data ? <p className="loading" role="status">{t('app.loading')}</p> : res.data && (
        res.data.items.length === 0 ? <div className="c-box"><p><strong>{t('search.none')}</strong></p><p>{t('search.noneHint')}</p><p><Link to="/danh-muc">{t('home.browse')}</Link></p></div> : (
          <>
            {res.data.fuzzy && <p className="c-note">{t('search.fuzzy')}</p>}
            <ProcedureList items={res.data.items} />
            {pages > 1 && (
              <nav className="c-pager" aria-label={t('search.page', { page, pages: pagesShown })}>
                {page > 1 && <Link to={link(page - 1)} className="c-button">{t('search.prev')}</Link>}
                <span>{t('search.page', { page, pages: pagesShown })}</span>
                {(page < pages || capped) && <Link to={link(page + 1)} className="c-button">{t('search.next')}</Link>}
              </nav>
            )}
          </>
        )
      )}
    </div>
  );
}
