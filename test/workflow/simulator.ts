// Test support for the workflow module's unit tests: a simple fake working-time calendar
// (Mon–Fri 08:00–16:00 UTC, no holidays), a set of actors, and a small simulator that runs commands and
// keeps the event log.

import { defaultProcess, type ProcessDefinition } from '../../src/modules/workflow/process.js';
import {
  DEFAULT_WORKFLOW_CONFIG,
  decide,
  evolve,
  receive,
  citizenActor,
  systemActor,
  type Actor,
  type DecideContext,
  type DecideResult,
  type DossierEvent,
  type DossierState,
  type ReceiveInput,
  type WorkflowConfig,
} from '../../src/modules/workflow/state-machine.js';
import type { ActionName } from '../../src/modules/workflow/actions.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const OPEN_HOUR = 8;
export const CLOSE_HOUR = 16;

const midnight = (t: number): number => Math.floor(t / DAY) * DAY;
const isWorkday = (t: number): boolean => {
  const wd = new Date(t).getUTCDay();
  return wd >= 1 && wd <= 5;
};

/** First working instant at or after t (an instant exactly at closing time moves to the next morning). */
export function normalise(t: Date): Date {
  let x = t.getTime();
  for (;;) {
    const m = midnight(x);
    if (isWorkday(x)) {
      if (x < m + OPEN_HOUR * HOUR) return new Date(m + OPEN_HOUR * HOUR);
      if (x < m + CLOSE_HOUR * HOUR) return new Date(x);
    }
    x = m + DAY;
  }
}

export function addWorkingHours(from: Date, hours: number): Date {
  if (!(hours >= 0)) throw new RangeError(`hours must be ≥ 0, got ${hours}`);
  let left = Math.round(hours * HOUR);
  let t = normalise(from).getTime();
  for (;;) {
    const close = midnight(t) + CLOSE_HOUR * HOUR;
    if (left <= close - t) return new Date(t + left);
    left -= close - t;
    t = normalise(new Date(close)).getTime();
  }
}

export function workingHoursBetween(a: Date, b: Date): number {
  if (b.getTime() < a.getTime()) return -workingHoursBetween(b, a);
  let total = 0;
  for (let d = midnight(a.getTime()); d <= b.getTime(); d += DAY) {
    if (!isWorkday(d)) continue;
    const s = Math.max(a.getTime(), d + OPEN_HOUR * HOUR);
    const e = Math.min(b.getTime(), d + CLOSE_HOUR * HOUR);
    if (e > s) total += e - s;
  }
  return total / HOUR;
}

export function endOfWorkingDay(d: Date): Date {
  return new Date(midnight(normalise(d).getTime()) + CLOSE_HOUR * HOUR);
}

export function makeCtx(now: Date, process: ProcessDefinition, config: Partial<WorkflowConfig> = {}): DecideContext {
  return {
    now,
    addWorkingHours,
    workingHoursBetween,
    endOfWorkingDay,
    process,
    config: { ...DEFAULT_WORKFLOW_CONFIG, ...config },
  };
}

// ---------------------------------------------------------------------------------------------
// Actors

export const CENTRE = 'centre-1';
export const AGENCY = 'dept-1';
export const OTHER = 'dept-2';

const official = (userId: string, role: Actor['roles'][number], agencyId: string): Actor => ({
  userId,
  roles: [role],
  agencyId,
});

export const A = {
  reception: official('u-rec', 'reception', CENTRE),
  reception2: official('u-rec2', 'reception', CENTRE),
  handler: official('u-han', 'handler', AGENCY),
  handler2: official('u-han2', 'handler', AGENCY),
  leader: official('u-lead', 'unit_leader', AGENCY),
  boss: official('u-boss', 'agency_leader', AGENCY),
  clerk: official('u-clerk', 'clerk', AGENCY),
  returner: official('u-ret', 'return_officer', CENTRE),
  cashier: official('u-cash', 'cashier', CENTRE),
  otherHandler: official('u-oth', 'handler', OTHER),
  otherLeader: official('u-othl', 'unit_leader', OTHER),
  centreLeader: official('u-cl', 'unit_leader', CENTRE),
  citizen: citizenActor('c1'),
  system: systemActor(),
} as const;

export const DOC = { number: '12/QĐ-UBND', date: '2026-03-05', signer: 'Nguyễn Văn A' };

/** Monday 2 March 2026, 09:00 UTC. */
export const T0 = new Date('2026-03-02T09:00:00.000Z');

// ---------------------------------------------------------------------------------------------
// Simulator

export class Sim {
  state: DossierState;
  events: DossierEvent[];
  now: Date;

  constructor(
    readonly process: ProcessDefinition,
    readonly config: Partial<WorkflowConfig>,
    first: DossierEvent,
    now: Date,
  ) {
    this.events = [first];
    this.state = evolve(null, first);
    this.now = now;
  }

  static start(
    opts: {
      process?: ProcessDefinition;
      config?: Partial<WorkflowConfig>;
      now?: Date;
      input?: Partial<ReceiveInput>;
      actor?: Actor;
    } = {},
  ): Sim {
    const process = opts.process ?? defaultProcess(40);
    const now = opts.now ?? T0;
    const channel = opts.input?.channel ?? 1;
    const actor = opts.actor ?? (channel === 2 && opts.input?.outcome !== 'accepted' ? A.citizen : A.reception);
    const r = receive(
      { dossierId: 'd1', channel, receivingAgencyId: CENTRE, competentAgencyId: AGENCY, ...opts.input },
      actor,
      makeCtx(now, process, opts.config),
    );
    if (!r.ok) throw new Error(`receive failed: ${r.code} ${r.messageEn}`);
    return new Sim(process, opts.config ?? {}, r.events[0]!, now);
  }

  get ctx(): DecideContext {
    return makeCtx(this.now, this.process, this.config);
  }

  /** Advance the clock by working hours (from the current instant). */
  advance(hours: number): this {
    this.now = addWorkingHours(this.now, hours);
    return this;
  }

  /** Advance by wall-clock milliseconds. */
  advanceMs(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  try(action: ActionName, actor: Actor, payload?: unknown, note?: string): DecideResult {
    const r = decide(this.state, { action, actor, expectedVersion: this.state.version, payload, note }, this.ctx);
    if (r.ok) {
      for (const e of r.events) {
        this.state = evolve(this.state, e);
        this.events.push(e);
      }
    }
    return r;
  }

  do(action: ActionName, actor: Actor, payload?: unknown, note?: string): DossierEvent | undefined {
    const r = this.try(action, actor, payload, note);
    if (!r.ok) {
      throw new Error(`${action} by ${actor.userId} failed in ${this.state.state}@${this.state.stepKey}: ${r.code} ${r.messageEn}`);
    }
    return r.events[0];
  }
}
