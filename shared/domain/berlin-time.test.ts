import { describe, expect, it } from 'vitest';
import { berlinDate, berlinIsoDay, berlinYear } from './berlin-time';

describe('Berlin calendar', () => {
  it.each([
    ['2026-11-25T10:00:00Z', '2026-11-25', '25.11.2026', 2026],
    ['2026-12-31T23:30:00Z', '2027-01-01', '01.01.2027', 2027], // winter time: UTC+1
    ['2026-06-30T22:30:00Z', '2026-07-01', '01.07.2026', 2026], // summer time: UTC+2
    ['2026-06-30T21:30:00Z', '2026-06-30', '30.06.2026', 2026],
  ])('%s', (iso, day, date, year) => {
    const at = new Date(iso);
    expect(berlinIsoDay(at)).toBe(day);
    expect(berlinDate(at)).toBe(date);
    expect(berlinYear(at)).toBe(year);
  });
});
