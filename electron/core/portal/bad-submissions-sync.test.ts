import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../../../shared/services';
import { onlineSchemaUri } from '../../../shared/services/online';
import { demoApplication, loadDemoPeople } from '../../portal-sim/demo-applications';
import { SenderClient, SenderError } from '../../portal-sim/sender';
import { RESOURCES_DIR, type TestCore } from '../test-support';
import type { SessionHolder } from '../transport';
import { buildBadSubmissions, type SubmissionCorpus } from './bad-submissions';
import { problemName } from './problems';
import { portalTestCore, startPortalFixture, type PortalFixture } from './test-portal';

const REJECT = 'https://schema.fitko.de/fit-connect/events/reject-submission';
const ACCEPT = 'https://schema.fitko.de/fit-connect/events/accept-submission';

describe('a corpus of bad submissions, end to end through the simulator', () => {
  let f: PortalFixture;
  let t: TestCore;
  let clerk: SessionHolder;
  let admin: SessionHolder;
  let corpus: SubmissionCorpus;

  beforeAll(async () => {
    f = await startPortalFixture();
    t = await portalTestCore(f);
    admin = await t.sessionAs('admin');
    clerk = await t.sessionAs('clerk');
    const service = findService('meldebescheinigung')!;
    const demo = demoApplication('meldebescheinigung', 7, loadDemoPeople(RESOURCES_DIR));
    const encryptionKey = f.keys.publicJwks().keys.find((k) => (k as { use?: string }).use === 'enc') as JsonWebKey & { kid: string };
    corpus = await buildBadSubmissions({
      encryptionKey,
      application: {
        destinationId: f.destinationId,
        serviceIdentifier: service.serviceIdentifier,
        serviceName: service.name,
        schemaUri: onlineSchemaUri(service.id),
        data: demo.data,
        attachments: demo.attachments,
        paymentInformation: demo.paymentInformation as Record<string, unknown> | undefined,
        authenticationInformation: demo.authenticationInformation,
        replyChannel: demo.replyChannel,
        additionalReferenceInfo: demo.additionalReferenceInfo,
      },
      otherSchemaUri: onlineSchemaUri('briefwahl'),
      invalidData: { ...demo.data, antrag: { ...demo.data.antrag, kind: 'unbekannt' } },
    });
  }, 120_000);

  afterAll(async () => {
    t.core.close();
    await f.close();
  });

  it('rejects each with the fitting problem, creates no case for any, and goes on with the good ones', async () => {
    expect(corpus.variants.length).toBeGreaterThanOrEqual(30);
    const sender = new SenderClient(f.sender);
    const expected = new Map<string, { name: string; problem: string; caseId: string }>();
    const good: { submissionId: string; caseId: string }[] = [];
    let refusedByPortal = 0;
    // Interleaved: a good one after every ten bad ones, so the sync must go on past each rejection.
    for (const [i, v] of corpus.variants.entries()) {
      const raw = { destinationId: f.destinationId, ...v.parts };
      if (v.refusedByPortal) {
        await expect(sender.sendRaw(raw)).rejects.toBeInstanceOf(SenderError);
        refusedByPortal += 1;
      } else {
        const sent = await sender.sendRaw(raw);
        expected.set(sent.submissionId, { name: v.name, problem: v.expectedProblem, caseId: sent.caseId });
      }
      if (i % 10 === 9) good.push(await sender.sendRaw({ destinationId: f.destinationId, ...corpus.good[good.length % corpus.good.length]!.parts }));
    }
    expect(expected.size + refusedByPortal).toBe(corpus.variants.length);
    expect(expected.size).toBeGreaterThanOrEqual(30);

    const status = await t.call(clerk, 'portal.syncNow', {});
    expect(status.errorMessage).toBeNull();
    expect(status.waiting).toBe(0);

    const rejected = await t.call(admin, 'portal.rejected', { limit: 500 });
    for (const [submissionId, e] of expected) {
      expect(f.sim.submissionState(submissionId), e.name).toBe('rejected');
      const events = f.sim.eventLog(e.caseId).map((set) => decodeJwt(set).events as Record<string, { problems?: { type: string }[] }>);
      const reject = events.filter((ev) => REJECT in ev);
      expect(reject, e.name).toHaveLength(1);
      expect(events.some((ev) => ACCEPT in ev), e.name).toBe(false);
      const types = reject[0]![REJECT]!.problems!.map((p) => problemName(p.type));
      expect(types, e.name).toContain(e.problem);
      const listed = rejected.find((r) => r.submissionId === submissionId);
      expect(listed?.state, e.name).toBe('rejected');
      expect(listed!.problems.map((p) => problemName(p.type)), e.name).toContain(e.problem);
      expect(listed!.problems.every((p) => p.title.length > 0 && p.detail.length > 0)).toBe(true);
    }
    for (const g of good) expect(f.sim.submissionState(g.submissionId)).toBe('accepted');
    const cases = await t.call(clerk, 'cases.list', { channel: 'online', limit: 100 });
    expect(cases.total).toBe(good.length);
  }, 300_000);
});
