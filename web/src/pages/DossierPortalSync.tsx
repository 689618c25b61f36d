// A dossier's national-portal sync history on its page: what the portal was told, in order, and what it
// answered (accepted, refused with its reason, or waiting to be retried).
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorBox, useAsync } from '../ui';
import { SyncTable } from './AdminPortalSync';

export function DossierPortalSync({ code, version }: { code: string; version: number }) {
  const { t } = useTranslation();
  const sync = useAsync(() => api.dossierPortalSync(code), [code, version]);
  return (
    <section className="card" aria-labelledby="d-sync" data-testid="dossier-sync">
      <h2 id="d-sync">{t('sync.dossierTitle')}</h2>
      <ErrorBox error={sync.error} />
      {sync.data?.provider === 'recording' && <p className="muted">{t('sync.simulatedShort')}</p>}
      {sync.data && sync.data.items.length === 0 && <p className="muted">{t('sync.dossierNone')}</p>}
      {sync.data && sync.data.items.length > 0 && <SyncTable items={sync.data.items} />}
    </section>
  );
}
