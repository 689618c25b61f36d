// A bounded cache of values that never change once written, such as a procedure version's channels and
// components (rows keyed by the version id, only ever inserted). No invalidation is needed, so it is safe
// across processes; it lives on the context (one per database), so that two test databases whose rows share
// ids (copies of one template) never see each other's values. Bounded: the oldest entry goes first.

export class ImmutableCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly max = 2_000) {}

  /**
   * The value under `kind`/`key`, loaded once. A failed load is forgotten, so the next call tries again.
   * The load must read with a handle that is free now (never the pool's from inside a transaction on PGlite).
   */
  get<T>(kind: string, key: string, load: () => Promise<T>): Promise<T> {
    const k = `${kind}\u0000${key}`;
    const hit = this.entries.get(k) as Promise<T> | undefined;
    if (hit) return hit;
    const p = load();
    this.entries.set(k, p);
    p.catch(() => this.entries.delete(k));
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  /**
   * Drops an entry that turned out not to hold any more: the value of a key never changes, but a database
   * restored to an earlier point can give the key to another row (a dossier code issued again).
   */
  forget(kind: string, key: string): void {
    this.entries.delete(`${kind}\u0000${key}`);
  }

  get size(): number {
    return this.entries.size;
  }
}
