import { describe, expect, it } from 'vitest';
import { dashboardLinks, dueClock, parseQueueQuery, queuePath, queueQueryString, type QueueLinkFilter } from './queue';

describe('the queue filter in the URL', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const f: QueueLinkFilter = {
      scope: 'mine',
      status: ['new', 'in_progress'],
      serviceId: 'gewerbe-anmeldung',
      channel: 'online',
      siteId: 3,
      assigneeId: 12,
      due: 'overdue',
      receivedFrom: '2026-11-01',
      receivedTo: '2026-11-25',
      minAgeDays: 0,
      maxAgeDays: 30,
      includeFinished: true,
      search: 'Müller & Söhne',
      sort: 'due',
    };
    expect(parseQueueQuery(queueQueryString(f))).toEqual(f);
    expect(queuePath({ scope: 'all', includeFinished: false, sort: 'oldest' })).toBe('/vorgaenge?scope=all');
    expect(queuePath(dashboardLinks.overdue({ siteId: 2 }))).toBe('/vorgaenge?scope=all&site=2&due=overdue&sort=due');
  });

  it('ignores what it does not know', () => {
    expect(parseQueueQuery('?scope=everyone&status=new,bogus&site=-1&due=later&from=25.11.2026&minAge=x&sort=random&foo=1')).toEqual({
      status: ['new'],
    });
  });
});

describe('due boundaries', () => {
  it('knows today and the end of today in Berlin, across the change to winter time', () => {
    expect(dueClock(new Date('2026-10-25T10:00:00Z'))).toEqual({
      today: '2026-10-25',
      nowIso: '2026-10-25T10:00:00.000Z',
      tomorrowStartIso: '2026-10-25T23:00:00.000Z',
    });
    expect(dueClock(new Date('2026-10-24T22:30:00Z')).today).toBe('2026-10-25'); // 00:30 summer time
    expect(dueClock(new Date('2026-03-29T12:00:00Z')).tomorrowStartIso).toBe('2026-03-29T22:00:00.000Z');
  });
});
