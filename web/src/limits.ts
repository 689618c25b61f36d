// Input limits and value lists of the forms, as the API enforces them: generated from /openapi.json (limits.gen.ts, checked
// in CI by `npm run check:api-types`), so a form can never accept more than the API or less.
export { APPLICANT_LIMITS, CARRIER_NAMES, PAYMENT_METHODS, PHONE_RULES, RECEPTION_TEXT_LIMITS } from './limits.gen.js';
