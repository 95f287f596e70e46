import { describe, expect, it } from 'vitest';
import { allowedTransitions, canTransition, CASE_STATUSES, isTerminal, type CaseStatus } from './status';

/** The status machine of DESIGN.md written out as the full table of allowed moves. */
const EXPECTED: Record<CaseStatus, CaseStatus[]> = {
  new: ['in_progress', 'rejected', 'cancelled'],
  in_progress: ['waiting', 'ready', 'rejected', 'cancelled'],
  waiting: ['in_progress', 'rejected', 'cancelled'],
  ready: ['in_progress', 'issued', 'rejected', 'cancelled'],
  issued: ['handed_over', 'dispatched', 'rejected', 'cancelled'],
  handed_over: ['closed', 'rejected', 'cancelled'],
  dispatched: ['closed', 'rejected', 'cancelled'],
  closed: [],
  rejected: [],
  cancelled: [],
};

describe('case status machine', () => {
  for (const from of CASE_STATUSES) {
    for (const to of CASE_STATUSES) {
      const allowed = EXPECTED[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'forbidden'}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
      });
    }
  }

  it('lists exactly the expected moves per status', () => {
    for (const s of CASE_STATUSES) expect([...allowedTransitions(s)].sort()).toEqual([...EXPECTED[s]].sort());
  });

  it('treats closed, rejected and cancelled as terminal', () => {
    expect(CASE_STATUSES.filter(isTerminal)).toEqual(['closed', 'rejected', 'cancelled']);
  });
});
