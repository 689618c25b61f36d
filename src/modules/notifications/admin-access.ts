// Who may see and edit notifications: administrators at the top of the agency tree (messages hold citizens'
// addresses across the whole province).
import type { Principal } from '../../platform/auth/principal.js';
import { actsFromTop } from '../org/permissions.js';
import { notificationErrors } from './notifications.errors.js';

export function requireNotificationAdmin(p: Principal): void {
  if (!actsFromTop(p, 'org.manage')) throw notificationErrors.NOTIFICATIONS_FORBIDDEN();
}
