import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const;

/**
 * Calls `onIdle` once after `minutes` without keyboard or mouse activity. Disabled when `enabled` is false.
 * Checks every few seconds against the last activity (timers of hidden windows are throttled, so the
 * elapsed time is compared rather than trusting one long timeout).
 */
export function useIdleLock(minutes: number, enabled: boolean, onIdle: () => void): void {
  const last = useRef(Date.now());
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (!enabled || !(minutes > 0)) return;
    last.current = Date.now();
    const limit = minutes * 60_000;
    let fired = false;
    const mark = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, mark, { passive: true, capture: true });
    const check = () => {
      if (!fired && Date.now() - last.current >= limit) {
        fired = true;
        onIdleRef.current();
      }
    };
    const timer = window.setInterval(check, Math.min(5_000, limit));
    document.addEventListener('visibilitychange', check);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, mark, { capture: true });
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [minutes, enabled]);
}
