// The app shell: sign-in, re-login dialog on session expiry, role-aware navigation, routes.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrf, setReauthHandler, type AuthOptions, type Me, type Role } from './api';
import { setLanguage } from './i18n';
import { BASE, Dialog, Link, navigate, Session, useLocation, type SessionCtx } from './ui';
import { ReceptionPage } from './pages/Reception';
import { InboxPage } from './pages/Inbox';
import { DossierPage } from './pages/Dossier';
import { PrintPage } from './pages/Print';

const DashboardPage = lazy(() => import('./pages/Dashboard'));
const AdminPage = lazy(() => import('./pages/Admin'));
const PaymentsPage = lazy(() => import('./pages/Payments'));
const PetitionsPage = lazy(() => import('./pages/Petitions'));

const DOSSIER_ROLES: Role[] = ['reception', 'handler', 'unit_leader', 'agency_leader', 'clerk', 'return_officer', 'cashier', 'procedure_control'];
const REPORT_ROLES: Role[] = ['unit_leader', 'agency_leader', 'procedure_control', 'admin'];
const ADMIN_ROLES: Role[] = ['admin', 'procedure_control'];

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const waiters = useRef<Array<() => void>>([]);
  const { t } = useTranslation();

  useEffect(() => {
    api.me().then((m) => { setCsrf(m.csrfToken); setMe(m); }, () => setMe(null));
  }, []);

  // a 401 on a signed-in request: keep the page (and what was typed), ask for the password in a dialog
  useEffect(() => {
    if (!me) { setReauthHandler(null); return; }
    setReauthHandler(() => new Promise<void>((resolve) => { waiters.current.push(resolve); setExpired(true); }));
    return () => setReauthHandler(null);
  }, [me]);

  if (me === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (me === null) return <LoginPage onLogin={(m) => { setCsrf(m.csrfToken); setMe(m); }} />;
  return (
    <>
      <Shell me={me} onSignedOut={() => { setCsrf(undefined); setMe(null); navigate('/', true); }} />
      {expired && (
        <Dialog title={t('login.expired')}>
          <p>{t('login.expiredHint')}</p>
          <LoginForm fixedUser={me.username} onLogin={(m) => {
            setCsrf(m.csrfToken);
            setExpired(false);
            const w = waiters.current; waiters.current = [];
            w.forEach((r) => r());
          }} />
        </Dialog>
      )}
    </>
  );
}

function LangToggle() {
  const { t, i18n } = useTranslation();
  return (
    <button type="button" className="lang" title={t('app.langLabel')} lang={i18n.language === 'en' ? 'vi' : 'en'} onClick={() => setLanguage(i18n.language === 'en' ? 'vi' : 'en')}>
      {t('app.lang')}
    </button>
  );
}

function LoginForm({ onLogin, fixedUser }: { onLogin: (m: Me) => void; fixedUser?: string }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(fixedUser ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form className="login-form" onSubmit={async (e) => {
      e.preventDefault();
      setBusy(true); setError(null);
      try {
        onLogin(await api.login(username.trim(), password));
      } catch (err) {
        setError(err instanceof ApiError ? err.message : t('login.failed'));
      } finally { setBusy(false); }
    }}>
      <div className="field">
        <label htmlFor="login-user">{t('login.username')}</label>
        <input id="login-user" name="username" autoComplete="username" value={username} readOnly={!!fixedUser} onChange={(e) => setUsername(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="login-pass">{t('login.password')}</label>
        <input id="login-pass" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      {error && <div className="alert error" role="alert">{error}</div>}
      <button className="primary" type="submit" disabled={busy}>{t('login.submit')}</button>
    </form>
  );
}

function LoginPage({ onLogin }: { onLogin: (m: Me) => void }) {
  const { t } = useTranslation();
  const [opts, setOpts] = useState<AuthOptions | null>(null);
  useEffect(() => { api.authOptions().then(setOpts, () => setOpts({ password: true, oidc: false, languages: ['vi', 'en'] })); }, []);
  return (
    <main className="login-page" id="main">
      <div className="login-card">
        <div className="login-top"><Emblem /><LangToggle /></div>
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('app.subtitle')}</p>
        <h2>{t('login.title')}</h2>
        <LoginForm onLogin={onLogin} />
        {opts?.oidc && (
          <>
            <p className="or">{t('login.or')}</p>
            <a className="button sso" href={`/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(location.pathname.startsWith(BASE) ? location.pathname : BASE)}`}>{t('login.sso')}</a>
          </>
        )}
      </div>
    </main>
  );
}

function Emblem() {
  return (
    <svg className="emblem" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
      <circle cx="20" cy="20" r="19" fill="#c8102e" />
      <polygon fill="#ffcd00" points="20,8 23.2,17.4 33,17.4 25,23.2 28,32.6 20,26.8 12,32.6 15,23.2 7,17.4 16.8,17.4" />
    </svg>
  );
}

function Shell({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const session: SessionCtx = useMemo(() => {
    const roles = new Set(me.roles.map((r) => r.role));
    return {
      me,
      roles,
      has: (...r: Role[]) => r.some((x) => roles.has(x)),
      agencyFor: (r: Role) => me.roles.find((a) => a.role === r)?.agencyCode,
      signOut: async () => { try { await api.logout(); } finally { onSignedOut(); } },
    };
  }, [me, onSignedOut]);

  const nav: Array<{ to: string; label: string; show: boolean }> = [
    { to: '/reception', label: t('nav.reception'), show: session.has('reception') },
    { to: '/inbox', label: t('nav.inbox'), show: session.has(...DOSSIER_ROLES) },
    { to: '/payments', label: t('nav.payments'), show: session.has('cashier', 'reception', ...REPORT_ROLES) },
    { to: '/petitions', label: t('nav.petitions'), show: session.has('reception', 'handler', 'unit_leader', 'agency_leader', 'procedure_control', 'admin') },
    { to: '/dashboard', label: t('nav.dashboard'), show: session.has(...REPORT_ROLES) },
    { to: '/admin', label: t('nav.admin'), show: session.has(...ADMIN_ROLES) },
  ].filter((n) => n.show);

  // default page per role
  useEffect(() => {
    if (path === '/' || path === '/login') navigate(nav[0]?.to ?? '/inbox', true);
  }, [path]); // eslint-disable-line react-hooks/exhaustive-deps

  if (path.startsWith('/print/')) return <Session.Provider value={session}><PrintPage /></Session.Provider>;

  let page;
  const m = /^\/dossiers\/(.+)$/.exec(path);
  if (path.startsWith('/reception')) page = <ReceptionPage />;
  else if (path.startsWith('/inbox')) page = <InboxPage />;
  else if (m) page = <DossierPage dossierRef={decodeURIComponent(m[1]!)} />;
  else if (path.startsWith('/dashboard')) page = <DashboardPage />;
  else if (path.startsWith('/payments')) page = <PaymentsPage />;
  else if (path.startsWith('/petitions')) page = <PetitionsPage />;
  else if (path.startsWith('/admin')) page = <AdminPage />;
  else page = <InboxPage />;

  const roleNames = [...new Set(me.roles.map((r) => t(`roles.${r.role}`)))].join(', ');
  const agencies = [...new Set(me.roles.map((r) => r.agencyName))].join('; ');
  return (
    <Session.Provider value={session}>
      <a className="skip" href="#main">{t('app.skip')}</a>
      <header className="top">
        <div className="brand"><Emblem /><span>{t('app.title')}</span></div>
        <nav aria-label={t('app.menu')}>
          <ul>
            {nav.map((n) => (
              <li key={n.to}><Link to={n.to} className={path.startsWith(n.to) ? 'active' : ''} aria-current={path.startsWith(n.to) ? 'page' : undefined}>{n.label}</Link></li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className="who-name" title={agencies}>{me.fullName}<small>{roleNames}</small></span>
          <LangToggle />
          <button type="button" className="ghost" onClick={() => void session.signOut()}>{t('nav.logout')}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>{page}</Suspense>
      </main>
    </Session.Provider>
  );
}
