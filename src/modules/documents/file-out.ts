// The API shape of a stored file.
import * as repo from './documents.repo.js';
import './documents.errors.js';

export function fileOut(f: repo.FileRow) {
  return {
    id: f.id,
    name: f.name,
    size: Number(f.size),
    mediaType: f.media_type,
    kind: f.kind,
    sha256: f.sha256,
    purpose: f.purpose,
    dossierId: f.dossier_id,
    uploadedAt: new Date(f.uploaded_at).toISOString(),
    component: f.component_id || f.component_name ? { id: f.component_id, name: f.component_name } : null,
    digitisation: { digitised: f.digitised, reusedFrom: f.reused_from, fromCitizenStore: f.from_citizen_store },
    attached: f.attached_version !== null ? { version: f.attached_version, action: f.attached_action, at: f.attached_at ? new Date(f.attached_at).toISOString() : null } : null,
    citizenVisible: f.citizen_visible,
    signedFrom: f.signed_from,
  };
}

