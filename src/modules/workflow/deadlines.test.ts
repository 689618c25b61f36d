import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classify, clockRunning, elapsedWorkingHours, hoursBetween, indicatorColumns, indicatorTiming, suspendedHours } from './deadlines.js';
import { A, DOC, Sim, addWorkingHours, makeCtx, workingHoursBetween } from '../../../test/workflow/simulator.js';
import { defaultProcess } from './process.js';

const cal = { addWorkingHours, workingHoursBetween };
const d = (s: string) => new Date(s);

describe('classify', () => {
  const due = '2026-03-02T12:00:00.000Z';
  it('early / on time / late around the due instant', () => {
    expect(classify(d('2026-03-02T10:00:00Z'), due, cal, 1)).toEqual({ classification: 'early', marginHours: 2 });
    expect(classify(d('2026-03-02T11:00:00Z'), due, cal, 1)).toEqual({ classification: 'early', marginHours: 1 });
    expect(classify(d('2026-03-02T11:30:00Z'), due, cal, 1)).toEqual({ classification: 'on_time', marginHours: 0.5 });
    expect(classify(d(due), due, cal, 1)).toEqual({ classification: 'on_time', marginHours: 0 });
    expect(classify(d('2026-03-02T13:00:00Z'), due, cal, 1)).toEqual({ classification: 'late', marginHours: -1 });
  });
  it('after hours on the due day is late even with 0 working hours over', () => {
    expect(classify(d('2026-03-02T16:00:00Z'), '2026-03-02T15:59:00.000Z', cal, 1).classification).toBe('late');
    expect(classify(d('2026-03-02T18:00:00Z'), '2026-03-02T16:00:00.000Z', cal, 1)).toEqual({ classification: 'late', marginHours: -0 });
  });
  it('no due instant → unclassified', () => {
    expect(classify(d(due), null, cal, 1)).toEqual({ classification: null, marginHours: null });
  });
  it('hoursBetween is 0 for reversed intervals', () => {
    expect(hoursBetween(cal, '2026-03-03T09:00:00Z', '2026-03-02T09:00:00Z')).toBe(0);
  });
});

describe('elapsed time and suspensions', () => {
  it('excludes supplement and payment waits', () => {
    const s = Sim.start(); // clock from Mon 09:00
    s.do('forward', A.reception);
    s.advance(3).do('request_supplement', A.handler, { reason: 'x' }); // Mon 12:00
    s.advance(10).do('receive_supplement', A.citizen); // Tue 14:00 (10 h suspended)
    s.advance(2).do('request_payment', A.handler); // Tue 16:00 → Wed 08:00 boundary
    s.advance(5).do('confirm_payment', A.system); // 5 h suspended
    s.advance(4);
    const total = workingHoursBetween(d(s.state.clockStartAt!), s.now);
    expect(total).toBe(24);
    expect(suspendedHours(s.state, d(s.state.clockStartAt!), s.now, cal)).toBe(15);
    expect(elapsedWorkingHours(s.state, s.now, cal)).toBe(9);
  });

  it('does not grow during an open suspension', () => {
    const s = Sim.start();
    s.do('forward', A.reception);
    s.advance(2).do('request_supplement', A.handler, { reason: 'x' });
    const at = elapsedWorkingHours(s.state, s.now, cal);
    s.advance(30);
    expect(elapsedWorkingHours(s.state, s.now, cal)).toBe(at);
    expect(clockRunning(s.state)).toBe(false);
  });

  it('is 0 before acceptance or before the clock starts', () => {
    const s = Sim.start({ input: { channel: 2 } });
    expect(elapsedWorkingHours(s.state, s.now, cal)).toBe(0);
    const t = Sim.start({ now: d('2026-03-07T09:00:00Z') }); // Saturday: clock starts Monday
    expect(elapsedWorkingHours(t.state, d('2026-03-08T09:00:00Z'), cal)).toBe(0);
  });
});

describe('indicatorTiming (QĐ 766 indicator 2.1)', () => {
  it('on time against the original appointment, waiting time subtracted', () => {
    const s = Sim.start(); // due Mon 9 March 09:00 (40 h)
    s.do('forward', A.reception);
    s.advance(10).do('request_supplement', A.handler, { reason: 'x' });
    s.advance(30).do('receive_supplement', A.citizen); // legal appointment restarts
    s.advance(25).do('forward', A.handler); // 35 h elapsed without the wait
    s.do('approve', A.leader);
    s.advance(1).do('record_result', A.clerk, { documents: [DOC] });
    const t = indicatorTiming(s.state, cal, s.now)!;
    expect(t.elapsedHours).toBe(36);
    expect(t.allowedHours).toBe(40);
    expect(t.onTime).toBe(true);
    expect(t.endAt).toBe(s.state.finishedAt);
    expect(new Date(s.state.finishedAt!).getTime()).toBeGreaterThan(new Date(s.state.originalDueAt!).getTime());
  });

  it('late when the elapsed time passes the allowance, or after an apology whatever the time', () => {
    const s = Sim.start();
    s.do('forward', A.reception);
    expect(indicatorTiming(s.state, cal, addWorkingHours(s.now, 41))!.onTime).toBe(false);
    s.do('apologize', A.boss, { reason: 'x', newDueAt: '2026-03-20T09:00:00.000Z' });
    expect(indicatorTiming(s.state, cal, addWorkingHours(s.now, 1))!.onTime).toBe(false);
  });

  it('a pending supplement wait ends the count at its start; never-accepted dossiers have none', () => {
    const s = Sim.start();
    s.do('forward', A.reception);
    s.advance(5).do('request_supplement', A.handler, { reason: 'x' });
    const t = indicatorTiming(s.state, cal, addWorkingHours(s.now, 100))!;
    expect(t.endAt).toBe(s.now.toISOString());
    expect(t.elapsedHours).toBe(5);
    expect(indicatorTiming(Sim.start({ input: { channel: 2 } }).state, cal, s.now)).toBeNull();
  });

  it('works with a context (DecideContext is a calendar)', () => {
    const s = Sim.start();
    expect(indicatorTiming(s.state, makeCtx(s.now, defaultProcess(40)), s.now)!.onTime).toBe(true);
  });
});

describe('indicatorColumns (the indicator clock as projection columns)', () => {
  it('while processing: late from exactly when indicatorTiming turns late, for any instant', () => {
    const s = Sim.start();
    s.do('forward', A.reception);
    s.advance(6).do('request_supplement', A.handler, { reason: 'x' });
    s.advance(20).do('receive_supplement', A.citizen);
    s.advance(3);
    const cols = indicatorColumns(s.state, cal);
    expect(cols).toMatchObject({ endAt: null, onTime: null, late: false });
    const lateFrom = new Date(cols.lateFrom!);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 30 }), (minutes) => {
        const t = new Date(s.now.getTime() + minutes * 60_000);
        return (t.getTime() >= lateFrom.getTime()) === !indicatorTiming(s.state, cal, t)!.onTime;
      }),
      { numRuns: 300 },
    );
  });

  it('finished or waiting for a supplement: the outcome is fixed; an apology flags it late', () => {
    const s = Sim.start();
    s.do('forward', A.reception);
    s.advance(4).do('request_supplement', A.handler, { reason: 'x' });
    expect(indicatorColumns(s.state, cal)).toMatchObject({ endAt: s.now.toISOString(), onTime: true, lateFrom: null });
    s.advance(200).do('receive_supplement', A.citizen);
    s.advance(2).do('forward', A.handler);
    s.do('approve', A.leader);
    s.do('record_result', A.clerk, { documents: [DOC] });
    expect(indicatorColumns(s.state, cal)).toMatchObject({ endAt: s.state.finishedAt, onTime: true, late: false });
    const late = Sim.start();
    late.do('forward', A.reception);
    late.do('apologize', A.boss, { reason: 'x', newDueAt: '2026-03-20T09:00:00.000Z' });
    expect(indicatorColumns(late.state, cal).late).toBe(true);
  });

  it('never-accepted dossiers have no indicator clock', () => {
    expect(indicatorColumns(Sim.start({ input: { channel: 2 } }).state, cal)).toEqual({ endAt: null, onTime: null, lateFrom: null, late: false });
  });
});
