// The dossiers module's façade: the use cases its routes, its job and the other modules call, one file
// each (receive, act, inbox, read, look-up, sweep). Every workflow rule is in the pure state machine
// (workflow/state-machine.ts); the use cases load the dossier, resolve who acts (access.ts), run decide()
// and store its events with the projection (projection.ts) in one transaction.
export { receiveDossier, type Reception } from './receive-dossier.js';
export { performAction, type ActionRequest } from './perform-action.js';
export { allowedActionsFor } from './allowed-actions.js';
export { listDossiers } from './list-dossiers.js';
export { getDossier, getDossierWithEvents, getOwnDossierWithEvents } from './get-dossier.js';
export { getEvents } from './dossier-events.js';
export { listAssignees } from './list-assignees.js';
export { getControlSlip } from './get-control-slip.js';
export { listForRegister } from './list-for-register.js';
export { publicLookup } from './public-lookup.js';
export { lookupByApplicantPhone } from './phone-lookup.js';
export { sweepDeadlines, type SweepResult } from './sweep-deadlines.js';
export { inboxItem } from './presenters.js';
// whether any dossier is stored yet: the demo seeds only an empty database
export { countDossiers } from './dossiers.repo.js';
// the domain event on the outbox (notifications and the national-portal sync consume it)
export { DossierEventTopic, sampleDossierEvent, type DossierEventMessage, type DossierEventRecipient } from './dossier-event-topic.js';
// the inbox query schema (other modules that list dossiers for an official, e.g. the daily digest)
export { InboxQuery } from './dossiers.schema.js';
// a dossier with its event log for the integrations (national-portal sync, postal service), read as the system
export { dossierCodes, dossierRecord, type DossierRecord } from './integration-read.js';
// actions the system performs for an integration (the postal service's confirmed delivery returns the result)
export { performSystemAction, type SystemActionResult } from './perform-system-action.js';
// what the payments module reads of a dossier, and the system event that records an online payment
export { dossierForPayment, paymentFactsById, onlinePaymentRecorder, type DossierPaymentFacts } from './payment-facts.js';
// the citizen portal: online submission and the citizen's own dossiers (called by the submissions module)
export { NATIONAL_PORTAL_UPLOADER, registerFromPortal, submitOnline, type OnlineFiling, type OnlineSubmitter } from './submit-online.js';
export { citizenAction, citizenDossier, listCitizenDossiers, CITIZEN_ACTIONS, type CitizenAction, type CitizenActionRequest as CitizenActionRequestBody, type CitizenRef } from './citizen-dossiers.js';
// what the ratings module reads of a dossier (eligibility, agency, procedure, the officials who handled it)
export { ratingFactsBySecret, ratingFactsById, ratingFactsForOfficial, ratingFactsOfCitizen, type DossierRatingFacts } from './rating-facts.js';
// the public verify page: the dossier a result document was issued for (code and procedure only)
export { verifyFactsById, type DossierVerifyFacts } from './verify-facts.js';
// collection at home (channel 3): the desk's checks when a pickup is booked, the registration once collected (the postal module)
export { POSTAL_UPLOADER, checkPostalPickup, registerFromPost, type CheckedPickup, type PostalPickupInput } from './postal-pickup.js';
// the reception schema (the postal module's collection booking takes the same filing)
export { Address as FilingAddress, ReceiveBody } from './dossiers.schema.js';
