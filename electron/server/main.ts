import path from 'node:path';
import { createCore, defaultBrowserDataDir, findResourcesDir, resolveDataDir, argValue } from '../core';
import { createHttpHost } from './http-server';

/** Browser mode: `node dist/electron/server.cjs [--port N] [--host H] [--data-dir D] [--workstation NAME]`. */
function main(): void {
  const argv = process.argv.slice(2);
  const port = Number(argValue(argv, '--port') ?? process.env.BBDESK_PORT ?? 5780);
  const host = argValue(argv, '--host') ?? process.env.BBDESK_HOST ?? '127.0.0.1';
  const dataDir = resolveDataDir(argv, defaultBrowserDataDir());
  const resourcesDir = findResourcesDir(__dirname);
  const staticDir = path.resolve(__dirname, '..', 'renderer');
  let core;
  try {
    core = createCore({ dataDir, resourcesDir, workstation: argValue(argv, '--workstation') });
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
