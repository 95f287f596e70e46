/** Small helpers for benchmark scripts: they print figures, they never assert. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)]!;
}

export async function timeRuns(runs: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

export function summary(label: string, sortedMs: number[]): string {
  return `${label.padEnd(44)} n=${String(sortedMs.length).padStart(5)}  p50=${percentile(sortedMs, 50).toFixed(2)} ms  p95=${percentile(sortedMs, 95).toFixed(2)} ms  max=${sortedMs.at(-1)!.toFixed(2)} ms`;
}

/** Samples RSS while fn runs and returns the peak in MB. */
export async function peakRssMb<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
