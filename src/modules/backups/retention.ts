// Which backups retention may delete (pure). A backup depends on every folder its blobs are kept in (`in`) —
// an incremental backup reuses the bytes of earlier ones — so a folder is deleted only when no kept backup
// needs it. Kept: every backup younger than `keepDays`, and the `keepAtLeast` newest whatever their age
// (a server that stopped backing up keeps its last good ones), and everything those depend on.

export interface BackupSummary {
  id: string;
  createdAt: Date;
  /** Folders holding this backup's blobs (its own id included when it copied any). */
  uses: string[];
}

export interface RetentionPolicy {
  keepDays: number;
  keepAtLeast: number;
}

export function backupsToDelete(backups: BackupSummary[], now: Date, policy: RetentionPolicy): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const cutoff = now.getTime() - policy.keepDays * 86_400_000;
  const kept = new Set(newestFirst.filter((b, i) => i < policy.keepAtLeast || b.createdAt.getTime() >= cutoff).map((b) => b.id));
  const byId = new Map(backups.map((b) => [b.id, b]));
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const u of byId.get(id)?.uses ?? []) visit(u);
  };
  kept.forEach(visit);
  return newestFirst.filter((b) => !needed.has(b.id)).map((b) => b.id).reverse();
}
