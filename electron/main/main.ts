/** Entry point of the Electron main process (bundled to dist/electron/main.cjs). */
import { createCore } from '../core';
import { startEmbeddedPortal } from '../portal-sim/embedded';
import { startApp } from './lifecycle';

startApp({
  baseDir: __dirname,
  createCore,
  startDemoPortal: (core, resourcesDir, log) => {
    startEmbeddedPortal({ core, resourcesDir, log })
      .then((e) => log(`Demo-Portal (FIT-Connect-Simulator): ${e.simulator.url} – Zustellpunkt ${e.destinationId}`))
      .catch((err: unknown) => log(`Demo-Portal konnte nicht starten: ${err instanceof Error ? err.message : String(err)}`));
  },
});
