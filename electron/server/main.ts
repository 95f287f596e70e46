import path from 'node:path';
import { createCore, defaultBrowserDataDir, findResourcesDir, resolveDataDir, argValue } from '../core';
import { createHttpHost } from './http-server';
import { portalOverrideFromEnvironment } from '../core/portal/config';
import { startDemoPortalUnlessConfigured } from '../portal-sim/embedded';

/**
 * Browser mode: `node dist/electron/server.cjs [--port N] [--host H] [--data-dir D] [--workstation NAME] [--portal-config FILE]`.
 * Without a configured portal (environment, file or administration) the FIT-Connect simulator runs embedded
 * with demo applications; BBDESK_PORTAL_SIM=0 turns that off, BBDESK_PORTAL_SIM_FEED=0 keeps it without demo feed.
 */
function main(): void {
  const argv = process.argv.slice(2);
  const port = Number(argValue(argv, '--port') ?? process.env.BBDESK_PORT ?? 5780);
  const host = argValue(argv, '--host') ?? process.env.BBDESK_HOST ?? '127.0.0.1';
  const dataDir = resolveDataDir(argv, defaultBrowserDataDir());
  const resourcesDir = findResourcesDir(__dirname);
  const staticDir = path.resolve(__dirname, '..', 'renderer');
  let core;
  try {
    const portal = portalOverrideFromEnvironment(process.env, argValue(argv, '--portal-config'));
    core = createCore({ dataDir, resourcesDir, workstation: argValue(argv, '--workstation'), portal, portalAutoSync: true });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  const server = createHttpHost({ core, staticDir, boundHost: host });
  server.on('error', (err) => {
    console.error(`Bürgerbüro Desk konnte Port ${port} nicht öffnen: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const actual = (server.address() as { port: number }).port;
    console.log(`Bürgerbüro Desk läuft im Browsermodus: http://${host}:${actual}/`);
    console.log(`Datenordner: ${dataDir}`);
    void startDemoPortalUnlessConfigured(core, resourcesDir, (m) => console.log(m));
  });
  const stop = () => {
    server.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
