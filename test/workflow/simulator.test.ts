import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingHours, endOfWorkingDay, normalise, workingHoursBetween } from './simulator.js';

const d = (s: string) => new Date(s);

describe('fake working-time calendar (Mon–Fri 08:00–16:00 UTC)', () => {
  it('normalises to the next working instant', () => {
    expect(normalise(d('2026-03-02T07:00:00Z')).toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(normalise(d('2026-03-02T10:30:00Z')).toISOString()).toBe('2026-03-02T10:30:00.000Z');
    expect(normalise(d('2026-03-02T16:00:00Z')).toISOString()).toBe('2026-03-03T08:00:00.000Z');
    expect(normalise(d('2026-03-06T17:00:00Z')).toISOString()).toBe('2026-03-09T08:00:00.000Z'); // Fri → Mon
    expect(normalise(d('2026-03-07T12:00:00Z')).toISOString()).toBe('2026-03-09T08:00:00.000Z'); // Sat
  });

  it('adds working hours across evenings and weekends', () => {
    expect(addWorkingHours(d('2026-03-02T09:00:00Z'), 7).toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(addWorkingHours(d('2026-03-02T09:00:00Z'), 8).toISOString()).toBe('2026-03-03T09:00:00.000Z');
    expect(addWorkingHours(d('2026-03-06T15:00:00Z'), 2).toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(addWorkingHours(d('2026-03-02T09:00:00Z'), 40).toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(addWorkingHours(d('2026-03-07T09:00:00Z'), 0).toISOString()).toBe('2026-03-09T08:00:00.000Z');
  });

  it('counts working hours between instants', () => {
    expect(workingHoursBetween(d('2026-03-02T09:00:00Z'), d('2026-03-09T09:00:00Z'))).toBe(40);
    expect(workingHoursBetween(d('2026-03-06T15:00:00Z'), d('2026-03-09T09:00:00Z'))).toBe(2);
    expect(workingHoursBetween(d('2026-03-07T00:00:00Z'), d('2026-03-08T23:00:00Z'))).toBe(0);
    expect(workingHoursBetween(d('2026-03-03T09:00:00Z'), d('2026-03-02T09:00:00Z'))).toBe(-8);
  });

  it('end of working day', () => {
    expect(endOfWorkingDay(d('2026-03-02T09:00:00Z')).toISOString()).toBe('2026-03-02T16:00:00.000Z');
    expect(endOfWorkingDay(d('2026-03-02T17:00:00Z')).toISOString()).toBe('2026-03-03T16:00:00.000Z');
  });

  it('add and between are inverse (property)', () => {
    const start = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((t) => new Date(t));
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 400 * 4 }), (from, quarters) => {
        const h = quarters / 4;
        const to = addWorkingHours(from, h);
        expect(to.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(workingHoursBetween(from, to)).toBeCloseTo(h, 9);
      }),
      { numRuns: 300 },
    );
  });
});
