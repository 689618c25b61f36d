// The postal service's façade: the outbox subscriber, the tracking job's use case, the post office's
// callbacks, the dossier's view.
export { postalEventHandler, bookResultDelivery } from './book-result-delivery.js';
export { trackPostalOrders, type TrackReport } from './track-orders.js';
export { recordTracking, type TrackingOutcome } from './record-tracking.js';
export { TRACKING_CALLBACK_PATH, logTrackingCallback, receiveTrackingCallback } from './receive-tracking-callback.js';
export { dossierPostalOrders } from './postal-views.js';
export { postalTrackingJob } from './postal.jobs.js';
export { bookPickup, pickupHandler, sendPickupOrder, PickupTopic } from './book-pickup.js';
export { listPickups } from './pickup-views.js';
