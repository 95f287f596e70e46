import { compactVerify, importJWK, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONLINE_SERVICES } from '../../../shared/services/online';
import type { SessionHolder } from '../transport';
import type { TestCore } from '../test-support';
import { portalTestCore, startPortalFixture, type PortalFixture } from './test-portal';

const ACCEPT = 'https://schema.fitko.de/fit-connect/events/accept-submission';

describe('portal sync over real HTTP against the simulator', () => {
  let f: PortalFixture;
  let t: TestCore;
  let clerk: SessionHolder;
  let admin: SessionHolder;

  beforeAll(async () => {
    f = await startPortalFixture();
    t = await portalTestCore(f, { backoffBaseMs: 60_000 });
    admin = await t.sessionAs('admin');
    await t.call(admin, 'setup.loadDemoData', {});
    clerk = await t.sessionAs('clerk');
  }, 60_000);

  afterAll(async () => {
    t.core.close();
    await f.close();
  });

  it('imports a submission of every service as an online case and posts one verifiable accept event each', async () => {
    const serviceIds = ONLINE_SERVICES.map((s) => s.id);
    const sent = await f.send(serviceIds.length, serviceIds);
    const status = await t.call(clerk, 'portal.syncNow', {});
    expect(status.errorMessage).toBeNull();
    expect(status.waiting).toBe(0);
    expect(status.lastSuccessAt).not.toBeNull();

    const list = await t.call(clerk, 'cases.list', { channel: 'online', limit: 100 });
    expect(list.total).toBe(sent.length);
    expect(new Set(list.items.map((c) => c.serviceId))).toEqual(new Set(serviceIds));

    const signing = f.keys.publicJwks().keys.find((k) => (k as { use?: string }).use === 'sig')!;
    const key = await importJWK(signing as never, 'PS512');
    for (const s of sent) {
      expect(f.sim.submissionState(s.submissionId)).toBe('accepted');
      const own = f.sim.eventLog(s.caseId).filter((set) => Object.keys(decodeJwt(set).events as object).includes(ACCEPT));
      expect(own).toHaveLength(1);
      const { protectedHeader, payload } = await compactVerify(own[0]!, key);
      expect(protectedHeader).toMatchObject({ alg: 'PS512', typ: 'secevent+jwt' });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
      expect(claims).toMatchObject({ iss: f.destinationId, sub: `submission:${s.submissionId}`, txn: `case:${s.caseId}` });
    }
  }, 60_000);

  it('shows the portal side of an online Meldebescheinigung: applicant, payment, attachments that open', async () => {
    const [sent] = await f.send(1, ['meldebescheinigung'], 40);
    await t.call(clerk, 'portal.syncNow', {});
    const list = await t.call(clerk, 'cases.list', { channel: 'online', serviceId: 'meldebescheinigung', limit: 100 });
    const summary = list.items.find((c) => c.applicantName.length > 0)!;
    const cases = await Promise.all(list.items.map((c) => t.call(clerk, 'cases.get', { caseId: c.id })));
    const c = cases.find((x) => x.online?.submissionId === sent!.submissionId)!;
    expect(summary).toBeDefined();
    expect(c.channel).toBe('online');
    expect(c.deliveryMethod).toBe('post');
    expect(c.online!.applicant!.familienname.length).toBeGreaterThan(0);
    expect(c.online!.replyChannel?.kind).toBe('eMail');
    expect(c.online!.authentication[0]).toMatchObject({ type: 'identificationReport' });
    expect(c.residentId).not.toBeNull(); // demo applicants are demo residents
    expect(c.online!.attachments.length).toBeGreaterThan(0);
    for (const a of c.online!.attachments) {
      const file = await t.call(clerk, 'cases.attachment', { caseId: c.id, attachmentId: a.attachmentId });
      const bytes = Buffer.from(file.base64, 'base64');
      expect(bytes.length).toBe(a.size);
      if (a.mimeType === 'application/pdf') expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      if (a.mimeType === 'image/jpeg') expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    }
    if (c.online!.payment?.status === 'BOOKED') {
      expect(c.payments.some((p) => p.method === 'online')).toBe(true);
      expect(c.paidCents).toBe(c.online!.payment.grossAmountCents);
    }
  }, 60_000);

  it('a sync with nothing new changes nothing', async () => {
    const before = (await t.call(clerk, 'cases.list', { channel: 'online', limit: 100 })).total;
    const status = await t.call(clerk, 'portal.syncNow', {});
    expect(status.errorMessage).toBeNull();
    expect((await t.call(clerk, 'cases.list', { channel: 'online', limit: 100 })).total).toBe(before);
  });

  it('portal down: the sync fails with a German message and backs off; nothing is lost; it resumes', async () => {
    const sent = await f.send(2, ['meldebescheinigung', 'briefwahl'], 60);
    f.sim.setFault({ mode: 'down' });
    t.core.portal.sync.start(3_600_000); // scheduled, so the status shows the next attempt
    try {
      const failed = await t.call(clerk, 'portal.syncNow', {});
      expect(failed.errorMessage).toMatch(/Portal/);
      expect(failed.failures).toBe(1);
      const delay1 = Date.parse(failed.nextAttemptAt!) - Date.now();
      const again = await t.call(clerk, 'portal.syncNow', {});
      expect(again.failures).toBe(2);
      const delay2 = Date.parse(again.nextAttemptAt!) - Date.now();
      // exponential backoff: 60 s, then 120 s (capped by the 5-minute poll interval)
      expect(delay1).toBeGreaterThan(55_000);
      expect(delay1).toBeLessThanOrEqual(60_000);
      expect(delay2).toBeGreaterThan(115_000);
      expect(delay2).toBeLessThanOrEqual(120_000);
    } finally {
      f.sim.setFault({ mode: 'none' });
    }
    const ok = await t.call(clerk, 'portal.syncNow', {});
    expect(ok.errorMessage).toBeNull();
    expect(ok.failures).toBe(0);
    expect(Date.parse(ok.nextAttemptAt!) - Date.now()).toBeGreaterThan(290_000); // back to the poll interval
    t.core.portal.sync.stop();
    for (const s of sent) expect(f.sim.submissionState(s.submissionId)).toBe('accepted');
  }, 60_000);

  it('answers of 500 and a slow portal: error status, then everything arrives once', async () => {
    const sent = await f.send(2, undefined, 80);
    f.sim.setFault({ mode: 'error500', count: 1 });
    const failed = await t.call(clerk, 'portal.syncNow', {});
    expect(failed.errorMessage).not.toBeNull();
    f.sim.setFault({ mode: 'slow', delayMs: 300, count: 3 });
    const ok = await t.call(clerk, 'portal.syncNow', {});
    expect(ok.errorMessage).toBeNull();
    for (const s of sent) expect(f.sim.submissionState(s.submissionId)).toBe('accepted');
    const submissions = new Set<string>();
    for (const c of (await t.call(clerk, 'cases.list', { channel: 'online', limit: 100 })).items) {
      const d = await t.call(clerk, 'cases.get', { caseId: c.id });
      expect(submissions.has(d.online!.submissionId)).toBe(false);
      submissions.add(d.online!.submissionId);
    }
  }, 60_000);

  it('an expired token is renewed without an error; a refused login says so in German', async () => {
    const [sent] = await f.send(1, undefined, 90);
    f.sim.expireTokens();
    const ok = await t.call(clerk, 'portal.syncNow', {});
    expect(ok.errorMessage).toBeNull();
    expect(f.sim.submissionState(sent!.submissionId)).toBe('accepted');
    f.sim.setFault({ mode: 'unauthorized', count: 2 });
    const refused = await t.call(clerk, 'portal.syncNow', {});
    expect(refused.errorMessage).toMatch(/abgelehnt|Anmeldung|Zugang/);
    f.sim.setFault({ mode: 'none' });
  }, 60_000);
});
