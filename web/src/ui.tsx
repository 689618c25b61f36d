// Small shared UI pieces: router, session context, dialog, form fields, drafts kept in sessionStorage.
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type AnchorHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Me, type Role } from './api';

// ---- router (history API) ----
/**
 * The officials' workspace lives under /can-bo (the citizen portal has `/`). The pages keep speaking in
 * app paths ('/inbox', '/dossiers/…'); the router adds the prefix to the URL and strips it from the path.
 */
export const BASE = '/can-bo';
/** The URL of an app path: '/inbox?tab=all' → '/can-bo/inbox?tab=all' (API and already prefixed paths unchanged). */
export function appHref(to: string): string {
  if (!to.startsWith('/') || to.startsWith('/api/') || to === BASE || to.startsWith(`${BASE}/`) || to.startsWith(`${BASE}?`)) return to;
  return to === '/' ? BASE : `${BASE}${to}`;
}
/** The app path of a URL path: '/can-bo/inbox' → '/inbox', '/can-bo' → '/'. */
export function appPath(pathname: string): string {
  if (pathname === BASE || pathname === `${BASE}/`) return '/';
  return pathname.startsWith(`${BASE}/`) ? pathname.slice(BASE.length) : pathname;
}
type Listener = () => void;
const listeners = new Set<Listener>();
/** Client-side navigation; `keepScroll` for changes within a page (filters, tabs kept in the URL). */
export function navigate(to: string, replace = false, keepScroll = false): void {
  if (replace) history.replaceState(null, '', appHref(to));
  else history.pushState(null, '', appHref(to));
  listeners.forEach((l) => l());
  if (!keepScroll) window.scrollTo(0, 0);
}
window.addEventListener('popstate', () => listeners.forEach((l) => l()));
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((x) => x + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { path: appPath(location.pathname), query: new URLSearchParams(location.search) };
}
export function Link({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> & { 'data-testid'?: string; 'data-measure'?: string }) {
  return (
    <a href={appHref(to)} className={className} {...rest} onClick={(e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(to);
    }}>{children}</a>
  );
}

// ---- session ----
export interface SessionCtx {
  me: Me;
  roles: Set<Role>;
  has: (...r: Role[]) => boolean;
  /** the official's agency code for a role (first assignment) */
  agencyFor: (r: Role) => string | undefined;
  signOut: () => Promise<void>;
}
export const Session = createContext<SessionCtx | null>(null);
export function useSession(): SessionCtx {
  const s = useContext(Session);
  if (!s) throw new Error('no session');
  return s;
}

// ---- drafts ----
/** useState persisted in sessionStorage: what was typed survives a re-login or a reload of the tab. */
export function useDraft<T>(key: string, initial: () => T): [T, (v: T | ((p: T) => T)) => void, () => void, boolean] {
  const storageKey = `motcua.draft.${key}`;
  // restored: something was typed before a reload (an untouched form saved as it started is not a draft)
  const [restored] = useState(() => {
    const raw = sessionStorage.getItem(storageKey);
    return raw !== null && raw !== JSON.stringify(initial());
  });
  const [value, setValue] = useState<T>(() => {
    const raw = sessionStorage.getItem(storageKey);
    if (raw) {
      try {
        return { ...initial(), ...JSON.parse(raw) } as T;
      } catch { /* ignore a broken draft */ }
    }
    return initial();
  });
  useEffect(() => {
    sessionStorage.setItem(storageKey, JSON.stringify(value));
  }, [storageKey, value]);
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initial());
  }, [storageKey]); // eslint-disable-line react-hooks/exhaustive-deps
  return [value, setValue, clear, restored];
}

// ---- dialog ----
export function Dialog({ title, onClose, children, footer, wide }: { title: string; onClose?: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    const first = d?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]):not([readonly]), select, textarea, button.primary');
    first?.focus();
  }, []);
  return (
    <dialog ref={ref} className={wide ? 'dlg wide' : 'dlg'} aria-labelledby={id} onCancel={(e) => { e.preventDefault(); onClose?.(); }}>
      <h2 id={id}>{title}</h2>
      <div className="dlg-body">{children}</div>
      {footer && <div className="dlg-foot">{footer}</div>}
    </dialog>
  );
}

// ---- tabs (WAI-ARIA tabs pattern, automatic activation) ----
/** Ids linking a tab and its panel: `${id}-tab-${key}` labels `${id}-panel`. */
export const tabId = (id: string, key: string) => `${id}-tab-${key}`;
export const tabPanelId = (id: string) => `${id}-panel`;

/**
 * A tablist: only the selected tab is in the tab order (roving tabindex); Left/Right (wrapping), Home and
 * End move the focus and select the tab. Pair it with <TabPanel id value> around the content it controls.
 */
export function Tabs<K extends string>({ id, label, tabs, value, onChange }: {
  id: string; label: string; tabs: ReadonlyArray<{ key: K; label: ReactNode }>; value: K; onChange: (key: K) => void;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const move = (e: KeyboardEvent, i: number) => {
    const n = tabs.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    refs.current[to]?.focus();
    if (tabs[to]!.key !== value) onChange(tabs[to]!.key);
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, i) => (
        <button key={tab.key} ref={(el) => { refs.current[i] = el; }} type="button" role="tab" id={tabId(id, tab.key)} aria-controls={tabPanelId(id)}
          aria-selected={tab.key === value} tabIndex={tab.key === value ? 0 : -1}
          onClick={() => { if (tab.key !== value) onChange(tab.key); }} onKeyDown={(e) => move(e, i)}>{tab.label}</button>
      ))}
    </div>
  );
}

/** The panel of a <Tabs id>: labelled by the selected tab, focusable (Tab from the tablist lands here). */
export function TabPanel({ id, value, children, className }: { id: string; value: string; children: ReactNode; className?: string }) {
  return <div id={tabPanelId(id)} role="tabpanel" aria-labelledby={tabId(id, value)} tabIndex={0} className={className}>{children}</div>;
}

// ---- fields ----
export function Field({ label, error, children, hint, required, className }: { label: string; error?: string; hint?: string; required?: boolean; children: (id: string, describedBy: string | undefined) => ReactNode; className?: string }) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'has-error' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}{required && <span className="req" aria-hidden="true"> *</span>}</label>
      {children(id, describedBy)}
      {hint && <div id={hintId} className="hint">{hint}</div>}
      {error && <div id={errId} className="err" role="alert">{error}</div>}
    </div>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const msg = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.problem.errors ?? [] : [];
  return (
    <div className="alert error" role="alert">
      <strong>{t('common.error')}:</strong> {msg}
      {/* the messages only: the API's paths (body.applicant.x) mean nothing to an officer */}
      {details.length > 0 && <ul>{details.map((d, i) => <li key={i}>{d.message ?? d.messageVi ?? d.code}</li>)}</ul>}
    </div>
  );
}

export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then((data) => live && setState({ data, loading: false }), (error) => live && setState({ error, loading: false }));
    return () => { live = false; };
  }, [...deps, n]); // eslint-disable-line react-hooks/exhaustive-deps
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setN((x) => x + 1) };
}

export function StatusBadge({ status }: { status: number }) {
  const { t } = useTranslation();
  return <span className={`badge st${status}`}>{t(`status.${status}`)}</span>;
}

export function CameraIcon() {
  return (
    <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" style={{ verticalAlign: 'middle' }}>
      <path d="M6 1h6l1.2 2H16a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h2.8z" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <circle cx="9" cy="8" r="2.8" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}
export function FileIcon() {
  return (
    <svg width="12" height="14" viewBox="0 0 12 14" aria-hidden="true" style={{ verticalAlign: 'middle', marginRight: 3 }}>
      <path d="M1 1h6l4 4v8H1z M7 1v4h4" fill="none" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}

/** File picker with drag and drop, and a camera button (tablets: opens the back camera). */
export function FileDrop({ label, onFile, busy, compact }: { label: string; onFile: (f: File) => void; busy?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const pick = useRef<HTMLInputElement>(null);
  const cam = useRef<HTMLInputElement>(null);
  const take = (files: FileList | null) => { const f = files?.[0]; if (f) onFile(f); };
  return (
    <div className={`drop ${over ? 'over' : ''} ${compact ? 'compact' : ''}`}
      onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
      onDrop={(e) => { e.preventDefault(); setOver(false); take(e.dataTransfer.files); }}>
      <input ref={pick} type="file" hidden accept="application/pdf,image/jpeg,image/png" aria-label={label} onChange={(e) => { take(e.target.files); e.target.value = ''; }} />
      <input ref={cam} type="file" hidden accept="image/*" capture="environment" aria-label={`${label} (${t('files.camera')})`} onChange={(e) => { take(e.target.files); e.target.value = ''; }} />
      <button type="button" className="small" disabled={busy} onClick={() => pick.current?.click()}>{t('files.choose')}</button>
      <button type="button" className="small" disabled={busy} onClick={() => cam.current?.click()} aria-label={`${t('files.camera')}: ${label}`}><CameraIcon /></button>
      {!compact && <small className="muted">{t('files.dropHint')}</small>}
    </div>
  );
}
