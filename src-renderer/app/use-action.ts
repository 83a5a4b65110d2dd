import { useCallback, useState } from 'react';
import type { Result } from '../../src-shared/contract/result.js';
import { errorText, fieldText } from '../i18n/i18n.js';

/**
 * Runs one command at a time for a form: `busy` disables its buttons, a VALIDATION
 * envelope's fields become per-field messages, anything else becomes the banner.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  /** Bumped when a command comes back with field errors (to move focus to the first one). */
  const [fieldErrorsSeq, setFieldErrorsSeq] = useState(0);

  const run = useCallback(async <T,>(fn: () => Promise<Result<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const result = await fn();
      if (result.ok) return result.value;
      if (result.error.fields) {
        const translated: Record<string, string> = {};
        for (const [path, key] of Object.entries(result.error.fields)) translated[path] = fieldText(key);
        setFields(translated);
        setFieldErrorsSeq((n) => n + 1);
      }
      setError(errorText(result.error));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setFields({});
  }, []);

  /** The clerk is correcting a field: its old message goes (main checks again on save). */
  const clearField = useCallback((path: string) => {
    setFields((f) => {
      if (!(path in f) && !(`draft.${path}` in f)) return f;
      const next = { ...f };
      delete next[path];
      delete next[`draft.${path}`];
      // Every flagged field corrected: the "check the highlighted fields" banner goes too.
      if (Object.keys(next).length === 0) setError(null);
      return next;
    });
  }, []);

  return { busy, error, fields, fieldErrorsSeq, run, clear, clearField, setError, setFields };
}
