/** Entry point of the Electron main process (bundled to dist/electron/main.cjs). */
import { createCore } from '../core';
import { startDemoPortalUnlessConfigured } from '../portal-sim/embedded';
import { startApp } from './lifecycle';

startApp({
  baseDir: __dirname,
  createCore,
  // The same start as browser mode (electron/server/main.ts), so both show the same demo portal.
  startDemoPortal: (core, resourcesDir, log) => void startDemoPortalUnlessConfigured(core, resourcesDir, log),
});
