import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A screen's choices kept in the address (so a link, the back button and a reload keep them):
 * `setMany` writes several at once, an empty value removes one; `set` writes one. The address
 * is replaced, not pushed: changing a filter is not a step back.
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
        { replace: true },
      );
    },
    [onChange, setParams],
  );
  const set = (key: string, value: string | null) => setMany({ [key]: value });
  return { params, set, setMany };
}
