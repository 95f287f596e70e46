import { describe, expect, it } from 'vitest';
import { registeredNumberProblem, s10CheckDigit } from './registered-mail';

describe('Einschreiben numbers (UPU S10)', () => {
  it('computes the check digit of the UPU example', () => {
    // UPU S10 worked example: weighted sum 200, 11 − (200 mod 11) = 9
    expect(s10CheckDigit('47312482')).toBe(9);
  });
  it.each(['RR473124829DE', 'rr 47312482 9 de', 'RR 473 124 829 DE'])('accepts %s', (n) => expect(registeredNumberProblem(n)).toBeNull());
  it.each([
    ['RR473124828DE', /Prüfziffer/],
    ['RR47312482DE', /Format/],
    ['1234', /Format/],
  ])('rejects %s', (n, msg) => expect(registeredNumberProblem(n)).toMatch(msg));
});
