export const projectRoot: string;
export interface BuildEntry {
  source: string;
  outfile: string;
}
export const NODE_ENTRIES: BuildEntry[];
export const PRELOAD_ENTRY: BuildEntry;
export function foreignRequires(bundleText: string): string[];
export function parseBuildArgs(argv: string[]): { coreOnly: boolean; quiet: boolean };
export function runBuild(options?: { coreOnly?: boolean; quiet?: boolean }): Promise<{
  built: BuildEntry[];
  skipped: BuildEntry[];
  renderer: boolean;
}>;
export function describeBuildError(err: unknown): string;
