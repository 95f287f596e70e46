export function platformExecutable(platform?: string): string;
export function electronPackageDir(root?: string): string | null;
export function isExecutableFile(file: string, platform?: string): boolean;
export function findElectronBinary(options?: {
  electronDir?: string | null;
  env?: Record<string, string | undefined>;
  platform?: string;
}): string | null;
export const NATIVE_PACKAGES: string[];
export function addonAbi(file: string): number | null;
export function electronAbi(electronDir?: string | null): number | null;
export function nativeAbiMismatches(abi: number | null, root?: string): { file: string; abi: number }[];
