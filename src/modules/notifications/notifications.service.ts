// The notifications module's façade: what its routes, the composition root and other modules call.
// Other modules use sendSignInCode (citizen portal) and recordDeliveryReceipt (SMS delivery receipts), recordEmailBounce (e-mail bounces).
export { listMessages } from './list-messages.js';
export { resendMessage } from './resend-message.js';
export { listTemplates, templateHistory } from './list-templates.js';
export { saveTemplate } from './save-template.js';
export { previewTemplate } from './preview-template.js';
export { renewUnsubscribeKey, unsubscribe, verifyUnsubscribe } from './unsubscribe.js';
export { getDigest, setDigest } from './set-digest.js';
export { sendSignInCode, type SignInCode } from './send-sign-in-code.js';
export { sendOperatorAlert, type OperatorAlert } from './send-operator-alert.js';
export { normaliseAddress } from './addresses.js';
export { recordDeliveryReceipt, type DeliveryReceipt } from './record-delivery-receipt.js';
export { recordEmailBounce } from './record-email-bounce.js';
export { deliverMessage } from './deliver-message.js';
export { answerLookupSms } from './sms-lookup.js';
export { notifyDossierEvent } from './on-dossier-event.js';
export { sendDigests, digestJob } from './send-digest.js';
import { deliverHandler } from './deliver-message.js';
import { dossierEventHandler } from './on-dossier-event.js';
import type { OutboxHandler } from '../../platform/outbox/outbox.js';

/** The outbox handlers of the module (registered in src/app.ts outboxHandlers). */
export const notificationHandlers: OutboxHandler[] = [dossierEventHandler as OutboxHandler, deliverHandler as OutboxHandler];
