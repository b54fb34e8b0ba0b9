import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A screen's choices kept in the address (so a link, the back button and a reload keep them):
 * `setMany` writes several at once, an empty value removes one; `set` writes one. The address
 * is replaced, not pushed: changing a filter is not a step back. The change is flushed at once,
 * not in a transition: a control bound to the address (a checkbox, a select) must show the
 * choice as it is made, or it looks ignored on a busy laptop until the screen re-renders.
 */
export function useAddressParams(onChange?: () => void) {
  const [params, setParams] = useSearchParams();
  const setMany = useCallback(
    (changes: Record<string, string | null>) => {
      onChange?.();
      setParams(
        (old) => {
          const next = new URLSearchParams(old);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true, flushSync: true },
      );
    },
    [onChange, setParams],
  );
  const set = (key: string, value: string | null) => setMany({ [key]: value });
  return { params, set, setMany };
}
