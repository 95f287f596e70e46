import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InputOf, OperationName, OutputOf } from '../../shared/api/contract';
import { createCore } from '../core/core';
import { memorySessionHolder } from '../core/transport';
import { peakRssMb } from './stats';

const CASES = 500;

/** A print run of 500 postal cases (certificate, cover letter, envelope each) to the outbox folder. */
export async function benchDispatch(resourcesDir: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-bench-'));
  const core = createCore({ dataDir: dir, resourcesDir, log: () => {} });
  try {
    const s = memorySessionHolder();
    const call = async <K extends OperationName>(op: K, input: InputOf<K>): Promise<OutputOf<K>> => {
      const r = await core.dispatch(op, input, s);
      if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
      return r.data as OutputOf<K>;
    };
    await call('setup.createAdmin', { username: 'bench', displayName: 'Bench Admin', password: 'bench-bench-bench', siteId: 1 });
    await call('setup.loadDemoData', {});
    await call('settings.update', {
      bank: { accountHolder: 'Stadt Lingen (Ems)', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', bankName: 'Commerzbank' },
    });
    const residents = await call('residents.search', { address: 'Lingen', limit: 100 });
    const t0 = performance.now();
    for (let i = 0; i < CASES; i++) {
      const c = await call('cases.createWalkIn', {
        serviceId: 'meldebescheinigung',
        residentId: residents[i % residents.length]!.id,
        data: { kind: i % 3 === 0 ? 'erweitert' : 'einfach', purpose: 'arbeitgeber', extendedItems: i % 3 === 0 ? ['geburtsort'] : [] },
        deliveryMethod: 'post',
        registered: i % 10 === 0 ? 'einwurf' : null,
      });
      if (i % 4 === 0) await call('cases.markReadyForPost', { caseId: c.id });
      else await call('cases.recordPayment', { caseId: c.id, method: 'cash' });
    }
    console.log(`create ${CASES} postal cases                     ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const { result, peakMb } = await peakRssMb(async () => {
      const started = performance.now();
      const run = await call('dispatch.startRun', {});
      for (;;) {
        const r = await call('dispatch.getRun', { runId: run.id });
        if (r.state !== 'running') return { run: r, seconds: (performance.now() - started) / 1000 };
        await new Promise((res) => setTimeout(res, 500));
      }
    });
    const files = (fs.readdirSync(path.join(dir, 'ausgang'), { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf'));
    console.log(`print run: ${result.run.casesDispatched} cases, ${result.run.itemsPrinted} items, ${files.length} print files, state ${result.run.state}`);
    console.log(`print run (render, merge, print to folder)       ${result.seconds.toFixed(1)} s   (target < 10 s)`);
    console.log(`peak RSS during the run                         ${peakMb.toFixed(0)} MB   (target < 500 MB)`);
    console.log(`postage total                                   ${(result.run.postageCents / 100).toFixed(2)} EUR`);
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
