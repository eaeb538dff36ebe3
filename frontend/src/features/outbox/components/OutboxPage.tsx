// Local only: the monthly summary emails the outbox mailer wrote (.eml), listed and rendered.
import { useState } from 'react';
import { ErrorView, Loading } from '#web/components/ui.js';
import { useLang } from '#web/lib/i18n.js';
import { formatInstant } from '#web/lib/time.js';
import { useOutbox, useOutboxMessage } from '../api/outbox.js';

export default function OutboxPage() {
  const { t, month: monthName, paren } = useLang();
  const list = useOutbox();
  const [open, setOpen] = useState<string | null>(null);
  const message = useOutboxMessage(open);
  if (list.error) return <ErrorView error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  const months = [...new Set(list.data.messages.map((m) => m.month))];
  return (
    <div className="outbox">
      <section className="card">
        <h2>{t('outbox')}</h2>
        {months.length === 0 && <p className="muted">npm run job:summary -- --month 2022-06</p>}
        {months.map((m) => (
          <details key={m} open={m === months[0]}>
            <summary>
              {monthName(m)}
              {paren(String(list.data!.messages.filter((x) => x.month === m).length))}
            </summary>
            <ul className="outbox-list" data-testid="outbox-list">
              {list
                .data!.messages.filter((x) => x.month === m)
                .map((x) => (
                  <li key={x.id}>
                    <button type="button" className="link" onClick={() => setOpen(x.id)} aria-pressed={open === x.id}>
                      {x.scopeName}
                    </button>
                    <span className="muted">
                      {' '}
                      · {x.to} · {formatInstant(x.date)}
                    </span>
                  </li>
                ))}
            </ul>
          </details>
        ))}
      </section>
      {open && (
        <section className="card" data-testid="outbox-message">
          {message.error && <ErrorView error={message.error} />}
          {!message.data && !message.error && <Loading />}
          {message.data && (
            <>
              {/* the email itself is Chinese, as the offices read it */}
              <h2 lang="zh-CN">{message.data.subject}</h2>
              <p className="muted">
                {message.data.from} → {message.data.to} · {formatInstant(message.data.date)}
              </p>
              <iframe lang="zh-CN" title={message.data.subject} sandbox="" srcDoc={message.data.html} className="mail-frame" />
            </>
          )}
        </section>
      )}
    </div>
  );
}
