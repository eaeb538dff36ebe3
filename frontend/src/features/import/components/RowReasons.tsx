// A file row's reasons and notes, as both imports show them: the file's own column and value (its headers are
// Chinese), the cell, then why; the notes below, muted.
import { useLang } from '#web/lib/i18n.js';
import type { ImportRow } from '#contract/imports.js';

type Reason = ImportRow['errors'][number];
type Note = ImportRow['warnings'][number];

export function RowReasons({
  errors,
  warnings,
  shownValue = (e) => e.value,
}: {
  errors: Reason[];
  warnings: Note[];
  /** The value to show beside a reason (the clerk's own cell, where the page has read it). */
  shownValue?: (e: Reason) => string;
}) {
  const { t, fmtWire, colon } = useLang();
  return (
    <>
      {errors.map((e, i) => {
        const value = shownValue(e);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row's reasons, drawn once in the order given, never reordered
          <div key={i}>
            {e.column ? <span lang="zh-CN">{t('fileColumn', { column: e.column })}</span> : ''}
            {e.cell ? <small className="muted">{e.cell} </small> : null}
            {value ? (
              <span lang="zh-CN" data-testid="cell-value">
                {t('fileValue', { value })}
              </span>
            ) : (
              ''
            )}
            {colon}
            {fmtWire(e)}
          </div>
        );
      })}
      {warnings.map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's notes, drawn once in the order given, never reordered
        <div key={`w${i}`} className="muted">
          {fmtWire(w)}
        </div>
      ))}
    </>
  );
}
