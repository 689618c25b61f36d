// The citizen portal shell: header with the language toggle, routes, footer. Pages other than the home
// page and the search results are separate chunks.
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n';
import { Link, useRoute } from './router';
import { HomePage, SearchPage } from './pages/Home';
import { signInHref, useCitizen } from './session';

const ProcedurePage = lazy(() => import('./pages/Procedure'));
const BrowsePage = lazy(() => import('./pages/Browse'));
const TrackPage = lazy(() => import('./pages/Track'));
// online submission (lazy: the e-form, drafts and "my dossiers" load only when opened)
const SubmitPage = lazy(() => import('./submission/Submit'));
const MyDossiersPage = lazy(() => import('./submission/MyDossiers').then((m) => ({ default: m.MyDossiersPage })));
const MyDossierPage = lazy(() => import('./submission/MyDossiers').then((m) => ({ default: m.MyDossierPage })));
const SignInPage = lazy(() => import('./pages/SignIn'));
const AccountPage = lazy(() => import('./pages/Account'));
// the counter tablet's rating page (no sign-in, a device token)
const KioskPage = lazy(() => import('./rating/Kiosk'));
const PetitionsPage = lazy(() => import('./pages/Petitions'));
// the public verify page of electronic results (the result's verify link)
const VerifyPage = lazy(() => import('./verify/Verify'));

export function CitizenApp() {
  const { t } = useTranslation();
  const { path } = useRoute();
  let page: ReactNode;
  const proc = /^\/thu-tuc\/([^/]+)\/?$/.exec(path);
  const submit = /^\/nop-ho-so\/([^/]+)\/?$/.exec(path);
  const mine = /^\/ho-so-cua-toi(?:\/([^/]+))?\/?$/.exec(path);
  if (path === '/') page = <HomePage />;
  else if (proc) page = <ProcedurePage code={decodeURIComponent(proc[1]!)} />;
  else if (path === '/thu-tuc' || path === '/thu-tuc/') page = <SearchPage />;
  else if (path === '/danh-muc' || path === '/danh-muc/') page = <BrowsePage />;
  else if (path.startsWith('/tra-cuu')) page = <TrackPage />;
  else if (submit) page = <SubmitPage code={decodeURIComponent(submit[1]!)} />;
  else if (mine) page = mine[1] ? <MyDossierPage id={decodeURIComponent(mine[1])} /> : <MyDossiersPage />;
  else if (path === '/dang-nhap') page = <SignInPage />;
  else if (path === '/tai-khoan') page = <AccountPage />;
  else if (path === '/kiosk/danh-gia' || path === '/kiosk/danh-gia/') page = <KioskPage />;
  else if (path === '/phan-anh' || path === '/phan-anh/') page = <PetitionsPage />;
  else if (path === '/xac-thuc' || path === '/xac-thuc/') page = <VerifyPage />;
  else page = <NotFound />;
  const current = (p: string) => (p === '/' ? path === '/' : path.startsWith(p));
  return (
    <>
      <a className="skip" href="#main">{t('app.skip')}</a>
      <header className="c-top">
        <div className="c-bar">
          <Link to="/" className="c-brand"><Emblem /><span>{t('app.title')}<small>{t('app.subtitle')}</small></span></Link>
          <div className="c-bar-end">
            <AccountLink path={path} />
            <LangToggle />
          </div>
        </div>
        <nav aria-label={t('app.menu')}>
          <ul>
            {([['/', 'nav.home'], ['/danh-muc', 'nav.browse'], ['/tra-cuu', 'nav.track'], ['/ho-so-cua-toi', 'nav.mine'], ['/phan-anh', 'nav.petitions']] as const).map(([to, key]) => (
              <li key={to}><Link to={to} aria-current={current(to) ? 'page' : undefined}>{t(key)}</Link></li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading" role="status">{t('app.loading')}</p>}>{page}</Suspense>
      </main>
      <footer className="c-foot">
        <p>{t('app.footer')}</p>
        <p><a href="/can-bo">{t('app.officials')}</a></p>
      </footer>
    </>
  );
}

/** The signed-in state: the citizen's name (to their account) or "Đăng nhập" (back here afterwards). */
function AccountLink({ path }: { path: string }) {
  const { t } = useTranslation();
  const { session, citizen } = useCitizen();
  if (!session) return null;
  if (citizen) {
    const who = citizen.name ?? citizen.phone ?? citizen.email ?? t('account.title');
    // a long e-mail is cut with an ellipsis on a phone; the whole of it in the title
    return <Link to="/tai-khoan" className="c-account-link" title={who} aria-current={path === '/tai-khoan' ? 'page' : undefined}><span>{who}</span></Link>;
  }
  if (path === '/dang-nhap') return null;
  return <Link to={signInHref(path + location.search)} className="c-account-link">{t('signIn.title')}</Link>;
}

function LangToggle() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'vi' : 'en';
  // the visible text is the whole accessible name (axe label-content-name-mismatch); the hint is a title
  return <button type="button" className="c-lang" lang={other} title={t('app.langTitle')} onClick={() => setLanguage(other)}>{t('app.lang')}</button>;
}

function Emblem() {
  return (
    <svg className="emblem" width="36" height="36" viewBox="0 0 40 40" aria-hidden="true">
      <circle cx="20" cy="20" r="19" fill="#c8102e" />
      <polygon fill="#ffcd00" points="20,8 23.2,17.4 33,17.4 25,23.2 28,32.6 20,26.8 12,32.6 15,23.2 7,17.4 16.8,17.4" />
    </svg>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="c-page">
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundHint')}</p>
      <p><Link to="/" className="c-button">{t('app.home')}</Link></p>
    </section>
  );
}
