import { describe, expect, it } from 'vitest';
import { formatAge, formatDateTime, formatIsoDate, parseGermanDate, todayBerlin } from './format';
import { parseRoute } from './router';

describe('parseGermanDate', () => {
  it('accepts TT.MM.JJJJ, T.M.JJJJ and ISO', () => {
    expect(parseGermanDate('14.03.1985')).toBe('1985-03-14');
    expect(parseGermanDate(' 4.3.1985 ')).toBe('1985-03-04');
    expect(parseGermanDate('1985-03-14')).toBe('1985-03-14');
  });
  it('rejects impossible dates and other text', () => {
    expect(parseGermanDate('31.02.1990')).toBeNull();
    expect(parseGermanDate('29.02.2023')).toBeNull();
    expect(parseGermanDate('29.02.2024')).toBe('2024-02-29');
    expect(parseGermanDate('14.13.1985')).toBeNull();
    expect(parseGermanDate('14.03.85')).toBeNull();
    expect(parseGermanDate('Müller')).toBeNull();
  });
});

describe('formatting', () => {
  it('shows calendar dates without a time zone shift', () => {
    expect(formatIsoDate('1985-03-14')).toBe('14.03.1985');
    expect(formatIsoDate(null)).toBe('–');
  });
  it('shows UTC timestamps in Berlin time', () => {
    expect(formatDateTime('2026-01-15T09:05:00.000Z')).toBe('15.01.2026, 10:05');
    expect(formatDateTime('2026-07-15T09:05:00.000Z')).toBe('15.07.2026, 11:05');
  });
  it('writes ages the way the queue shows them', () => {
    const now = Date.parse('2026-03-12T12:00:00Z');
    expect(formatAge('2026-03-12T11:59:40Z', now)).toBe('gerade eben');
    expect(formatAge('2026-03-12T11:55:00Z', now)).toBe('vor 5 Min.');
    expect(formatAge('2026-03-12T10:00:00Z', now)).toBe('vor 2 Std.');
    expect(formatAge('2026-03-11T11:00:00Z', now)).toBe('vor 1 Tag');
    expect(formatAge('2026-03-09T12:00:00Z', now)).toBe('vor 3 Tagen');
    expect(formatAge('2025-10-01T12:00:00Z', now)).toBe('am 01.10.2025');
  });
});

describe('parseRoute', () => {
  it('maps hash paths to screens', () => {
    expect(parseRoute('/')).toEqual({ name: 'queue' });
    expect(parseRoute('/schalter')).toEqual({ name: 'counter' });
    expect(parseRoute('/vorgang/42')).toEqual({ name: 'case', caseId: 42 });
    expect(parseRoute('/vorgang/x')).toEqual({ name: 'queue' });
    expect(parseRoute('/verwaltung')).toEqual({ name: 'admin', tab: 'benutzer' });
    expect(parseRoute('/verwaltung/drucker')).toEqual({ name: 'admin', tab: 'drucker' });
    expect(parseRoute('/postausgang')).toEqual({ name: 'dispatch', tab: 'ready', runId: null });
    expect(parseRoute('/postausgang/druckauftraege')).toEqual({ name: 'dispatch', tab: 'runs', runId: null });
    expect(parseRoute('/postausgang/druckauftraege/7')).toEqual({ name: 'dispatch', tab: 'runs', runId: 7 });
    expect(parseRoute('/postausgang/buch')).toEqual({ name: 'dispatch', tab: 'log', runId: null });
  });
});

describe('todayBerlin', () => {
  it('is the calendar day in Berlin, also shortly after midnight local time', () => {
    // 23:30 UTC on 31 March is already 1 April in Berlin (summer time).
    expect(todayBerlin(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(todayBerlin(new Date('2026-01-15T10:00:00Z'))).toBe('2026-01-15');
  });
});
