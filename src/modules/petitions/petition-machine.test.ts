import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PETITION_STATUSES, allowedActions, isAnswered, isFinal, nextStatus, type PetitionAction, type PetitionStatus } from './petition-machine.js';

const ACTIONS: PetitionAction[] = ['assign', 'refuse', 'request_info', 'supplement', 'answer', 'publish', 'rate'];

describe('petition state machine', () => {
  it('walks the happy path received → assigned → answered → published → rated', () => {
    let s: PetitionStatus = 'received';
    for (const a of ['assign', 'answer', 'publish', 'rate'] as const) s = nextStatus(s, a)!;
    expect(s).toBe('rated');
    expect(isFinal('rated')).toBe(true);
  });

  it('asks for more information and receives the petition again', () => {
    expect(nextStatus('received', 'request_info')).toBe('info_requested');
    expect(nextStatus('assigned', 'request_info')).toBe('info_requested');
    expect(nextStatus('info_requested', 'supplement')).toBe('received');
  });

  it('refuses only before the petition is taken up; refused is final', () => {
    expect(nextStatus('received', 'refuse')).toBe('refused');
    expect(nextStatus('assigned', 'refuse')).toBeNull();
    expect(isFinal('refused')).toBe(true);
  });

  it('answers only an assigned petition; rates only a published answer', () => {
    expect(nextStatus('received', 'answer')).toBeNull();
    expect(nextStatus('answered', 'rate')).toBeNull();
    expect(nextStatus('rated', 'rate')).toBeNull();
  });

  it('property: any sequence of actions stays in known statuses, and once answered it stays answered', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (seq) => {
      let s: PetitionStatus = 'received';
      let answered = false;
      for (const a of seq) {
        const n = nextStatus(s, a);
        expect(allowedActions(s).includes(a)).toBe(n !== null);
        if (n === null) continue;
        s = n;
        expect(PETITION_STATUSES).toContain(s);
        if (answered) expect(isAnswered(s)).toBe(true);
        answered ||= isAnswered(s);
        if (s === 'refused') expect(answered).toBe(false);
      }
    }));
  });
});
