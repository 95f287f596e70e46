export const DEFAULT_PORT: number;
export const FALLBACK_NOTICE: string;
export interface StartOptions {
  browser: boolean;
  port: number;
  dataDir: string | undefined;
  skipBuild: boolean;
}
export function parseStartArgs(argv: string[]): StartOptions;
export interface LaunchPlan {
  mode: 'electron' | 'browser';
  notice: string | null;
  command: string;
  args: string[];
}
export function planLaunch(
  options: Pick<StartOptions, 'browser' | 'port' | 'dataDir'>,
  electronBinary: string | null,
  root?: string,
  abiProblem?: string | null,
): LaunchPlan;
export function abiNotice(found: number, wanted: number): string;
export function childEnv(mode: 'electron' | 'browser', env?: Record<string, string | undefined>): Record<string, string | undefined>;
