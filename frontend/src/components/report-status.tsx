// A month's report status (月度报送) drawn the same way everywhere: its colour, and a mark beside it so that a
// status never rests on colour alone. The map's reporting layer, the dashboard's card and a county's months use it.
import type { ReportStatus } from '#core/reporting.js';

// ColorBrewer RdBu ends for done / not done, greys for not yet due or not tracked.
export const REPORT_COLOURS: Record<ReportStatus, string> = {
  reported: '#2166ac',
  confirmed: '#67a9cf',
  late: '#f4a582',
  overdue: '#b2182b',
  pending: '#d9d9d9',
  untracked: '#f7f7f7',
};
/** A mark beside each colour, so a status never rests on colour alone (and the ink that reads on it). */
export const REPORT_MARKS: Record<ReportStatus, { mark: string; ink: string }> = {
  reported: { mark: '✓', ink: '#fff' },
  confirmed: { mark: '=', ink: '#000' },
  late: { mark: '!', ink: '#000' },
  overdue: { mark: '✗', ink: '#fff' },
  pending: { mark: '…', ink: '#000' },
  untracked: { mark: '·', ink: '#000' },
};
/** A status's swatch: its colour with its mark on it (the words beside it are what a screen reader reads). */
export function ReportSwatch({ status }: { status: ReportStatus }) {
  return (
    <i className="swatch" style={{ background: REPORT_COLOURS[status], color: REPORT_MARKS[status].ink }} aria-hidden="true">
      {REPORT_MARKS[status].mark}
    </i>
  );
}
/** The statuses a tracked month can have, in the legend's order. */
export const REPORT_ORDER: ReportStatus[] = ['reported', 'confirmed', 'late', 'overdue', 'pending'];
