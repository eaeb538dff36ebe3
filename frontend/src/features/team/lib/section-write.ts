// One write of a team page's section (its roster, its activity log): while it runs the buttons wait; once done
// the section and the team are read again (each such write is a version of the team); a refusal is shown
// where it belongs — a field's reason beside its input, anything else (and the whole answer) above the form.
import { useState } from 'react';
import { ApiError } from '#web/lib/api.js';
import { useLang } from '#web/lib/i18n.js';

/** `fields`: the inputs a reason can stand beside (a reason on `attendees.3` stands beside `attendees`). */
export function useSectionWrite(fields: ReadonlySet<string>, reload: () => void) {
  const { fmtWire } = useLang();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refused = (e: unknown) => {
    const details = (e instanceof ApiError ? (e.body?.error.details ?? []) : []).flatMap((d) => ('field' in d ? [d] : []));
    const beside = details.filter((d) => fields.has(d.field.split('.')[0]));
    setErrors(Object.fromEntries(beside.map((d) => [d.field.split('.')[0], fmtWire(d)])));
    const whole = e instanceof ApiError ? fmtWire(e.body?.error ?? { message: e.message }) || e.message : String(e);
    setFailure(beside.length && beside.length === details.length ? null : whole);
  };

  async function write(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
      setErrors({});
      setFailure(null);
      reload();
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  }

  return { errors, failure, busy, write };
}
