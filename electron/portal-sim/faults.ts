/** Fault injection for tests: the next N API requests (or all, until reset) misbehave. */

export type FaultMode = 'none' | 'down' | 'slow' | 'error500' | 'unauthorized';

export interface FaultSpec {
  mode: FaultMode;
  /** Delay for mode 'slow' (default 2000 ms). */
  delayMs?: number;
  /** Fault only the next N API requests, then back to 'none'; omitted = until reset. */
  count?: number;
}

export interface ActiveFault {
  mode: Exclude<FaultMode, 'none'>;
  delayMs: number;
}

export const DEFAULT_SLOW_DELAY_MS = 2000;

export class Faults {
  private mode: FaultMode = 'none';
  private delayMs = DEFAULT_SLOW_DELAY_MS;
  private remaining: number | null = null;

  set(f: FaultSpec): void {
    this.mode = f.mode;
    this.delayMs = f.delayMs ?? DEFAULT_SLOW_DELAY_MS;
    this.remaining = f.mode === 'none' || f.count === undefined ? null : Math.max(0, Math.floor(f.count));
    if (this.remaining === 0) this.mode = 'none';
  }

  /** The fault for the API request at hand, if any (consumes one of `count`). */
  take(): ActiveFault | null {
    if (this.mode === 'none') return null;
    const fault: ActiveFault = { mode: this.mode, delayMs: this.delayMs };
    if (this.remaining !== null && --this.remaining <= 0) {
      this.mode = 'none';
      this.remaining = null;
    }
    return fault;
  }
}
