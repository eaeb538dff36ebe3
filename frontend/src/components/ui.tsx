// Small shared pieces: status chips, coverage bars, the demo banner, loading and error states.
import type { ReactNode } from 'react';
import { ApiError } from '#web/lib/api.js';
import { STATUS_WORDS, type MilestoneStatus } from '#core/milestones.js';
import { useLang } from '#web/lib/i18n.js';
import { message } from '#core/messages/index.js';

export type { MilestoneStatus };

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies (the maintenance years reuse them: green holds, orange slips, vermilion is below). */
export const STATUS_COLOURS: Record<MilestoneStatus, string> = {
  met: '#009E73',
  'on-track': '#56B4E9',
  'at-risk': '#E69F00',
  behind: '#D55E00',
  maintaining: '#009E73',
  slipping: '#E69F00',
  below: '#D55E00',
};

export function StatusChip({ status }: { status: MilestoneStatus }) {
  const { lang } = useLang();
  return (
    <span className={`status status-${status}`}>
      <i style={{ background: STATUS_COLOURS[status] }} />
      {STATUS_WORDS[status][lang]}
    </span>
  );
}

export function Bar({ value, label }: { value: number; label: string }) {
  return (
    <span className="bar" title={label}>
      <span className="bar-fill" style={{ width: `${Math.min(100, value * 100)}%` }} />
      <span className="bar-label">{label}</span>
    </span>
  );
}

export function DemoBanner({ demo }: { demo: unknown }) {
  const { t } = useLang();
  return demo ? (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      {t('demo')}
    </p>
  ) : null;
}

export function Loading() {
  const { t } = useLang();
  return (
    <p aria-busy="true" className="loading">
      {t('loading')}
    </p>
  );
}

export function ErrorView({ error, retry }: { error: Error; retry?: () => void }) {
  const { t, fmtWire } = useLang();
  // The API's message is written in the page's language, even when the language changed since.
  const wire = error instanceof ApiError ? error.body?.error : undefined;
  return (
    <p role="alert" className="error">
      {wire ? fmtWire(wire) || error.message : error.message}{' '}
      {retry && (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </p>
  );
}

export function Stat({ value, label, testId }: { value: ReactNode; label: ReactNode; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/**
 * Asks before a write that takes teams below the standard (a form's save, an import's commit): the
 * question with its reasons, then the action or 返回修改 (each button's test id from `buttons`).
 */
export function BelowStandardConfirm({
  id,
  testId,
  question,
  action,
  buttons,
  busy,
  onConfirm,
  onCancel,
}: {
  id: string;
  testId: string;
  question: string;
  action: string;
  buttons: { confirm: string; cancel: string };
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { fmt } = useLang();
  return (
    <section className="notice" role="alertdialog" aria-labelledby={id} data-testid={testId}>
      <p id={id}>✗ {question}</p>
      <div className="actions">
        <button type="button" onClick={onConfirm} disabled={busy} data-testid={buttons.confirm}>
          {action}
        </button>
        <button type="button" onClick={onCancel} data-testid={buttons.cancel}>
          {fmt(message('form.drop.back'))}
        </button>
      </div>
    </section>
  );
}
