import { useEffect, useState } from 'react';

/**
 * State that survives navigating between screens (queue filters), kept in sessionStorage for this
 * window only and cleared on sign-out.
 */
const PREFIX = 'bbdesk.ui.';

export function usePersistentState<T extends object>(key: string, initial: T): [T, (value: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.sessionStorage.getItem(PREFIX + key);
      return raw ? ({ ...initial, ...(JSON.parse(raw) as object) } as T) : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      /* storage full or disabled: keep the state in memory */
    }
  }, [key, value]);
  return [value, setValue];
}

export function clearPersistentState(): void {
  try {
    for (let i = window.sessionStorage.length - 1; i >= 0; i--) {
      const k = window.sessionStorage.key(i);
      if (k && k.startsWith(PREFIX)) window.sessionStorage.removeItem(k);
    }
  } catch {
    /* ignore */
  }
}
