// The ratings module's façade (satisfaction ratings of dossiers, domain-vn §8; QĐ 766 5.4): the use cases
// its routes call, one file each — giving a rating (give-rating.ts), the citizen channels (channels.ts), the
// counter kiosk (kiosks.ts). Other modules read ratings through ratings.read.ts.
export { criteriaOf, giveRating, ratingForm, type RatingBody, type RatingForm } from './give-rating.js';
export { addCriterion, listCriteria, reorderCriteria, updateCriterion } from './criteria-admin.js';
export { formBySecret, formOfCitizen, rateAsCitizen, rateBySecret } from './channels.js';
export { handToKiosk, kioskCurrent, kioskRate, myKiosks, pairKiosk, revokeKiosk } from './kiosks.js';
