import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../core/clock';
import { argValue, findResourcesDir } from '../core/config';
import { openDatabase } from '../core/db/connection';
import { portalOverrideFromEnvironment } from '../core/portal/config';
import { plainProtector } from '../core/portal/keys';
import { PortalService } from '../core/portal/portal-service';
import { getSettings } from '../core/settings/settings';
import { sendDemoApplications } from '../portal-sim/demo-feed';
import { createDestinationForKeys } from '../portal-sim/register-destination';
import { startSimulator } from '../portal-sim/server';

export const PORTAL_USAGE = `
Portal (FIT-Connect):
  portal sync --once            Einreichungen einmal abrufen (Konfiguration: Umgebung, --portal-config oder Verwaltung)
  portal sync                   Abrufen im eingestellten Abstand, bis Strg+C
  portal status                 Stand der Einreichungen
  portal keys generate          Schlüsselpaare des Zustellpunkts erzeugen (RSA-4096)
  portal keys export [--out f]  Öffentliche Schlüssel als JWKS ausgeben
  portal-sim serve [--port N] [--host H] [--jwks <Datei>]
                                FIT-Connect-Simulator starten; mit --jwks wird ein Zustellpunkt für diese Schlüssel angelegt
  portal-sim submit --service <id|all> --count N --api <url> [--destination <id>] [--token-url <url>] [--blank-forms]
                                Demo-Anträge über die Sende-Schnittstelle einreichen
`;

/** `portal …`: runs against the data folder without starting the rest of the core (no print recovery). */
export async function portalCommand(command: string | undefined, argv: string[], dataDir: string): Promise<number> {
  const db = openDatabase(dataDir);
  const log = (m: string) => console.error(`[bbdesk] ${m}`);
  const portal = new PortalService({
    db,
    clock: systemClock,
    dataDir,
    settings: () => getSettings(db, dataDir),
    log,
    protector: plainProtector,
    override: portalOverrideFromEnvironment(process.env, argValue(argv, '--portal-config')),
    onStep: crashHook(process.env.BBDESK_PORTAL_CRASH_AT),
    concurrency: process.env.BBDESK_PORTAL_CRASH_AT ? 1 : undefined,
  });
  try {
    const sub = positional(argv)[2];
    switch (`${command ?? ''} ${sub ?? ''}`.trim()) {
      case 'sync': {
        if (argv.includes('--once')) {
          const r = await portal.sync.syncNow();
          const s = portal.sync.status();
          console.log(
            `Abruf fertig: ${r.listed} gelistet, ${r.imported} übernommen, ${r.rejected} abgelehnt, ${r.decided} bestätigt, ${r.failed} mit Fehler; wartend: ${s.waiting} (${r.ms} ms, Entschlüsselung ${Math.round(r.decryptMs)} ms)`,
          );
          return r.failed > 0 ? 1 : 0;
        }
        portal.sync.start(0);
        console.log('Abruf läuft; beenden mit Strg+C.');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        portal.sync.stop();
        await portal.sync.idle();
        return 0;
      }
      case 'status': {
        const s = portal.sync.status();
        const v = portal.view();
        console.log(`Konfiguration: ${v.source}${v.apiUrl ? ` (${v.apiUrl}, Zustellpunkt ${v.destinationId})` : ''}`);
        console.log(`Schlüssel: ${v.keys.map((k) => `${k.use} ${k.kid}`).join(', ') || 'keine'}`);
        console.log(`Wartend: ${s.waiting}, abgelehnt: ${s.rejected}`);
        return 0;
      }
      case 'keys generate': {
        const keys = await portal.keys.generate(new Date());
        for (const k of keys) console.log(`${k.use} ${k.alg} ${k.kid}`);
        return 0;
      }
      case 'keys export': {
        const text = JSON.stringify(portal.keys.publicJwks(), null, 2);
        const out = argValue(argv, '--out');
        if (out) {
          fs.writeFileSync(path.resolve(out), text + '\n');
          console.log(`Öffentliche Schlüssel geschrieben: ${path.resolve(out)}`);
        } else console.log(text);
        return 0;
      }
      default:
        console.error(`Unbekannter Befehl: portal ${command ?? ''}\n${PORTAL_USAGE}`);
        return 2;
    }
  } catch (err) {
    const m = err && typeof err === 'object' && 'germanMessage' in err ? String((err as { germanMessage: string }).germanMessage) : err instanceof Error ? err.message : String(err);
    console.error(m);
    return 1;
  } finally {
    portal.sync.stop();
    db.close();
  }
}

/** `portal-sim …`: the simulator and a sender of demo applications. */
export async function portalSimCommand(command: string | undefined, argv: string[]): Promise<number> {
  try {
    if (command === 'serve') {
      const sim = await startSimulator({
        port: Number(argValue(argv, '--port') ?? 0),
        host: argValue(argv, '--host') ?? '127.0.0.1',
        log: (m) => console.error(`[portal-sim] ${m}`),
      });
      console.log(`FIT-Connect-Simulator: ${sim.url} (Token: ${sim.tokenUrl})`);
      console.log('Clients: bbdesk / bbdesk-sim-secret (Empfang), sender / sender-sim-secret (Versand)');
      const jwksFile = argValue(argv, '--jwks');
      if (jwksFile) {
        const jwks = JSON.parse(fs.readFileSync(jwksFile, 'utf8')) as { keys: JsonWebKey[] };
        const { destinationId } = createDestinationForKeys(sim, jwks);
        console.log(`Zustellpunkt: ${destinationId}`);
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sim.close();
      return 0;
    }
    if (command === 'submit') {
      const api = argValue(argv, '--api');
      if (!api) throw new Error('Bitte --api <url> angeben.');
      const destinationId = argValue(argv, '--destination') ?? (await onlyDestination(api.replace(/\/+$/, '')));
      const service = argValue(argv, '--service') ?? 'all';
      const count = Number(argValue(argv, '--count') ?? 1);
      if (!Number.isInteger(count) || count < 1) throw new Error('--count muss eine positive ganze Zahl sein.');
      const apiUrl = api.replace(/\/+$/, '');
      const sent = await sendDemoApplications({
        apiUrl,
        tokenUrl: argValue(argv, '--token-url') ?? `${apiUrl}/token`,
        clientId: argValue(argv, '--client-id') ?? 'sender',
        clientSecret: argValue(argv, '--client-secret') ?? 'sender-sim-secret',
        destinationId,
        resourcesDir: findResourcesDir(__dirname),
        serviceIds: service === 'all' ? undefined : service.split(','),
        count,
        firstSeq: Number(argValue(argv, '--seq') ?? 1),
        personalForm: !argv.includes('--blank-forms'),
      });
      for (const s of sent) console.log(`${s.serviceId}\t${s.submissionId}\t${s.caseId}`);
      console.log(`${sent.length} Antrag/Anträge eingereicht.`);
      return 0;
    }
    console.error(`Unbekannter Befehl: portal-sim ${command ?? ''}\n${PORTAL_USAGE}`);
    return 2;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

/**
 * Without --destination: the simulator's one destination, asked for with its default subscriber client
 * (a real portal has many; there --destination is required).
 */
async function onlyDestination(apiUrl: string): Promise<string> {
  const tokenRes = await fetch(`${apiUrl}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'bbdesk', client_secret: 'bbdesk-sim-secret' }),
  }).catch(() => null);
  const token = tokenRes?.ok ? ((await tokenRes.json()) as { access_token: string }).access_token : null;
  const list = token
    ? await fetch(`${apiUrl}/v1/destinations`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => null)
    : null;
  const body = list?.ok ? ((await list.json()) as { destinations: { destinationId: string }[] }) : null;
  if (!body || body.destinations.length !== 1) {
    throw new Error(
      body
        ? `Der Simulator hat ${body.destinations.length} Zustellpunkte; bitte --destination <id> angeben.`
        : 'Zustellpunkt nicht ermittelbar; bitte --destination <id> angeben.',
    );
  }
  return body.destinations[0]!.destinationId;
}

/** The words of a command line that are neither options nor option values (`--once` takes no value). */
function positional(argv: string[]): string[] {
  const flags = new Set(['--once', '--help']);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      if (!flags.has(a) && !a.includes('=')) i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Test hook for the crash-safety tests: BBDESK_PORTAL_CRASH_AT=<step>:<n> kills this process with SIGKILL
 * right after the n-th time the sync completed that step (e.g. imported:2 = after the second case was
 * created, before its accept event was posted).
 */
function crashHook(spec: string | undefined): ((step: string) => void) | undefined {
  const m = spec ? /^([a-z]+):(\d+)$/.exec(spec) : null;
  if (!m) return undefined;
  let seen = 0;
  return (step) => {
    if (step === m[1] && ++seen === Number(m[2])) process.kill(process.pid, 'SIGKILL');
  };
}
