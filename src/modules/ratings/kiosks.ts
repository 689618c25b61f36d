// The counter kiosk (a tablet at the desk, no sign-in): an official with a reception / return role pairs it
// (a device token, shown once as a link; stored as SHA-256), then hands it the dossier just returned ("Mời đánh
// giá tại quầy"). The tablet can read and rate only the dossier it holds now, once: after the rating it
// holds nothing until the desk hands it the next one. Revoking a kiosk kills its token.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { scopePaths } from '../org/permissions.js';
import { ratingFactsById, ratingFactsForOfficial } from '../dossiers/dossiers.service.js';
import { giveRating, ratingForm, type RatingBody } from './give-rating.js';
import { ratingRefusal } from './rating-rules.js';
import { ratingErrors } from './ratings.errors.js';
import * as repo from './ratings.repo.js';

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const raterOf = (k: repo.KioskRow) => `kiosk:${k.id}`;

function deskAssignment(p: Principal) {
  const paths = scopePaths(p, 'dossier.return');
  const a = p.assignments.find((x) => paths.includes(x.agencyPath));
  if (!a) throw ratingErrors.RATINGS_FORBIDDEN();
  return a;
}

const kioskOut = (k: repo.KioskRow) => ({
  id: k.id, label: k.label, createdAt: k.created_at.toISOString(),
  handedAt: k.handed_at ? k.handed_at.toISOString() : null, holdsDossier: k.dossier_id !== null,
});

/** Pairs a new kiosk; the token is in the answer only (the link the tablet opens). */
export async function pairKiosk(ctx: AppContext, p: Principal, label: string | undefined) {
  const a = deskAssignment(p);
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const row = { id: randomUUID(), token_hash: hashOf(token), label: label?.trim() || `Quầy ${p.fullName}`, agency_id: a.agencyId, created_by: p.userId, created_at: now };
  await repo.insertKiosk(ctx.db, row);
  return { ...kioskOut({ ...row, revoked_at: null, dossier_id: null, handed_by: null, handed_at: null }), token, url: `${ctx.config.publicUrl}/kiosk/danh-gia#k=${token}` };
}

export async function myKiosks(ctx: AppContext, p: Principal) {
  deskAssignment(p);
  return { items: (await repo.kiosksOfOwner(ctx.db, p.userId)).map(kioskOut) };
}

export async function revokeKiosk(ctx: AppContext, p: Principal, id: string) {
  if (!(await repo.revokeKiosk(ctx.db, id, p.userId, ctx.clock.now()))) throw platformErrors.NOT_FOUND({ what: 'kiosk' });
}

/** "Mời đánh giá tại quầy": the official's newest kiosk shows this (returned) dossier's rating form. */
export async function handToKiosk(ctx: AppContext, p: Principal, ref: string) {
  deskAssignment(p);
  const d = await ratingFactsForOfficial(ctx, p, ref);
  const refusal = ratingRefusal(d);
  if (refusal) throw ratingErrors[refusal]();
  const [k] = await repo.kiosksOfOwner(ctx.db, p.userId);
  if (!k) throw ratingErrors.RATING_KIOSK_NONE();
  await repo.handToKiosk(ctx.db, k.id, d.id, p.userId, ctx.clock.now());
  return { kiosk: kioskOut({ ...k, dossier_id: d.id, handed_at: ctx.clock.now() }), code: d.code };
}

async function kioskOf(ctx: AppContext, token: string | undefined) {
  const k = token ? await repo.kioskByTokenHash(ctx.db, hashOf(token)) : undefined;
  if (!k) throw ratingErrors.RATING_KIOSK_UNKNOWN();
  return k;
}

/** What the tablet shows: the dossier handed to it (its form), or nothing to rate. */
export async function kioskCurrent(ctx: AppContext, token: string | undefined) {
  const k = await kioskOf(ctx, token);
  const d = k.dossier_id ? await ratingFactsById(ctx.db, k.dossier_id) : null;
  return { label: k.label, form: d ? await ratingForm(ctx, d, raterOf(k)) : null };
}

export async function kioskRate(ctx: AppContext, token: string | undefined, body: RatingBody & { code: string }) {
  const k = await kioskOf(ctx, token);
  const d = k.dossier_id ? await ratingFactsById(ctx.db, k.dossier_id) : null;
  // only the dossier handed to it now (the code guards against a stale screen rating the next citizen's dossier)
  if (!d || d.code !== body.code) throw ratingErrors.RATING_KIOSK_NOTHING();
  await giveRating(ctx, d, raterOf(k), 'kiosk', body);
  await repo.clearKiosk(ctx.db, k.id, d.id);
  // the answer confirms the rating once, to the citizen who just gave it
  const r = await repo.ratingOfDossier(ctx.db, d.id);
  const form = await ratingForm(ctx, d, raterOf(k));
  return { ...form, rating: r ? { answers: r.answers, comment: r.comment, channel: 'kiosk' as const, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), editableUntil: r.editable_until.toISOString() } : null };
}
