export { createCore, type Core } from './core';
export type { CoreConfig } from './config';
export { resolveDataDir, defaultBrowserDataDir, findResourcesDir, argValue } from './config';
export type { SessionHolder } from './transport';
export { memorySessionHolder } from './transport';
