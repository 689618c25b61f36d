// The two citizen channels besides the kiosk: the lookup secret of the receipt (the tracking page, and the
// link in the rating invitation SMS / e-mail: /tra-cuu?code=…&danh-gia=1) and the signed-in citizen's own
// dossier on the portal. The rater is "secret" (whoever holds the receipt's secret) or "citizen:<id>".
import type { AppContext } from '../../platform/context.js';
import { ratingFactsBySecret, ratingFactsOfCitizen } from '../dossiers/dossiers.service.js';
import { profileOf } from '../citizens/citizens.read.js';
import { giveRating, ratingForm, type RatingBody } from './give-rating.js';

const SECRET_RATER = 'secret';

export async function formBySecret(ctx: AppContext, code: string, secret: string) {
  return ratingForm(ctx, await ratingFactsBySecret(ctx, code, secret), SECRET_RATER);
}

export async function rateBySecret(ctx: AppContext, body: RatingBody & { code: string; secret: string }) {
  return giveRating(ctx, await ratingFactsBySecret(ctx, body.code, body.secret), SECRET_RATER, 'link', body);
}

async function citizenRef(ctx: AppContext, citizenId: string) {
  const profile = await profileOf(ctx, citizenId);
  return { citizenId, provenIdNumber: profile?.verified.identity && profile.idNumber ? profile.idNumber : null };
}

export async function formOfCitizen(ctx: AppContext, citizenId: string, ref: string) {
  return ratingForm(ctx, await ratingFactsOfCitizen(ctx, await citizenRef(ctx, citizenId), ref), `citizen:${citizenId}`);
}

export async function rateAsCitizen(ctx: AppContext, citizenId: string, ref: string, body: RatingBody) {
  return giveRating(ctx, await ratingFactsOfCitizen(ctx, await citizenRef(ctx, citizenId), ref), `citizen:${citizenId}`, 'portal', body);
}
