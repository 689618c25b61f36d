// The citizen session for every page: useCitizen() gives the signed-in citizen (or null) and the ways to
// sign in; signInHref(next) sends the citizen to /dang-nhap and back to `next` afterwards.
import { useEffect, useState } from 'react';
import { accountApi, setCsrf, type CitizenSession } from './api';

let current: CitizenSession | null = null;
let loading: Promise<CitizenSession> | null = null;
const listeners = new Set<() => void>();

function publish(s: CitizenSession): CitizenSession {
  current = s;
  setCsrf(s.csrfToken);
  listeners.forEach((l) => l());
  return s;
}

/** Asks the server again (after sign-in, sign-out, or a 401 from another page). */
export function refreshCitizen(): Promise<CitizenSession> {
  loading = accountApi.session().then(publish);
  return loading;
}

export function setCitizenSession(s: CitizenSession): void {
  publish(s);
}

export async function signOutCitizen(): Promise<void> {
  try {
    await accountApi.signOut();
  } finally {
    await refreshCitizen();
  }
}

export function useCitizen(): { session: CitizenSession | null; citizen: CitizenSession['citizen'] | null; ready: boolean } {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((x) => x + 1);
    listeners.add(l);
    if (!current && !loading) void refreshCitizen().catch(() => { loading = null; });
    return () => void listeners.delete(l);
  }, []);
  return { session: current, citizen: current?.citizen ?? null, ready: current !== null };
}

/** Only same-site paths come back after sign-in (never another site). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !/[\\\s]/.test(next) ? next : '/tai-khoan';
}

export const signInHref = (next: string): string => `/dang-nhap?next=${encodeURIComponent(next)}`;
