/** Entry point of the Electron main process (bundled to dist/electron/main.cjs). */
import { createCore } from '../core';
import { startApp } from './lifecycle';

startApp({ baseDir: __dirname, createCore });
