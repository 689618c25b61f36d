// Longest values the API accepts for the applicant (src/modules/dossiers/applicant-text.ts APPLICANT_LIMITS):
// the web app may not import server code, so they are repeated here and test/web/reception-input.test.ts
// compares every form field's maxLength with the API's OpenAPI document.
export const APPLICANT_LIMITS = {
  fullName: 100,
  organisationName: 300,
  addressLine: 300,
  idNumber: 12,
  taxCode: 14,
  phone: 20,
  email: 254,
  authorisationDocument: 300,
} as const;

/** Reason and note of reception (form 02 / 03); one requested item. */
export const RECEPTION_TEXT_LIMITS = { reason: 2000, note: 2000, item: 500 } as const;
