// The actors that are not officials: the system (sweeps, the national portal) and a citizen.
import type { Actor } from './types.js';

export function systemActor(): Actor {
  return { userId: 'system', roles: [], agencyId: '', system: true };
}

export function citizenActor(citizenId: string): Actor {
  return { userId: `citizen:${citizenId}`, roles: [], agencyId: '', citizen: true };
}
