// Staged uploads that never reached a dossier: a citizen's papers of a draft abandoned or a supplement never
// sent, the national portal's attachments of a hand-over that was refused. After `keepDays` the file row
// goes, and its blob with it when no other file row uses the same bytes (under the blob's advisory lock, like
// a refused upload). The caller names what is still needed though unattached (open drafts, authorisations).
import type { AppContext } from '../../platform/context.js';
import { NATIONAL_PORTAL_UPLOADER } from '../dossiers/dossiers.service.js';
import * as repo from './documents.repo.js';

const DAY = 86_400_000;

/** The staged uploads' owners the sweep removes: citizens (`citizen:<id>`) and the national portal. */
export const SWEPT_UPLOADERS = { exact: [NATIONAL_PORTAL_UPLOADER], prefixes: ['citizen:'] };

export async function sweepStagedUploads(ctx: AppContext, opts: { keepDays: number; keep: Iterable<string> }) {
  const before = new Date(ctx.clock.now().getTime() - opts.keepDays * DAY);
  const keep = new Set(opts.keep);
  let files = 0;
  let blobs = 0;
  let kept = 0;
  for (const f of await repo.staleStagedFiles(ctx.db, before, SWEPT_UPLOADERS)) {
    if (keep.has(f.id)) { kept++; continue; }
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await repo.lockBlob(trx, f.sha256);
        if ((await repo.deleteStagedFile(trx, f.id)) === 0) return;
        files++;
        if (!(await repo.blobReferenced(trx, f.sha256))) {
          await ctx.blobStore.delete(f.sha256);
          blobs++;
        }
      });
    } catch (e) {
      // still referenced by a row of another module (a foreign key): it stays, the sweep goes on
      if ((e as { code?: string }).code !== '23503') throw e;
      kept++;
    }
  }
  return { files, blobs, kept };
}
