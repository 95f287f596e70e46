/**
 * Names shared by the main process and the preload script. Imports nothing, so the
 * sandboxed preload bundle stays free of Node requires.
 */

/** The privileged custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bbdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** The one IPC channel of the bridge. */
export const INVOKE_CHANNEL = 'bbdesk:invoke';

/** Operation names are short dotted identifiers ("cases.list"); anything else never reaches the core. */
export const MAX_OPERATION_LENGTH = 100;
