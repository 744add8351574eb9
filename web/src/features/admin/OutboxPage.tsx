// The outbox: every message tend sends, with its status, attempts and last error; failed
// mail can be put back in the queue, and admins can send a test message.
import { useState, type FormEvent } from 'react';
import * as api from '../../api/endpoints';
import { Async, Empty } from '../../components/Status';
import { StatusFilter, useStatusParam } from '../../components/StatusFilter';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export default function OutboxPage() {
  const [status, setStatus] = useStatusParam();
  const state = useApi((signal) => api.outbox(status, signal), [status]);
  const [note, setNote] = useState('');
  const [to, setTo] = useState('');

  const retry = async () => {
    try {
      const r = await api.retryOutbox();
      setNote(`${r.requeued} message(s) back in the queue.`);
      state.reload();
    } catch (e) {
      setNote(describeError(e, 'retry failed mail'));
    }
  };
  const sendTest = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.sendTestMail(to);
      setNote(`Test message to ${to} queued.`);
      state.reload();
    } catch (err) {
      setNote(describeError(err, 'send a test message'));
    }
  };

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Outbox</h1>
          <p className="muted">Every message tend sends waits here until the SMTP server takes it; failures are retried with growing pauses. Newest first.</p>
        </div>
        <button type="button" onClick={state.reload}>
          Reload
        </button>
      </header>
      <div className="filters">
        <StatusFilter value={status} statuses={['queued', 'sent', 'failed']} onChange={setStatus} />
        <button type="button" onClick={retry}>
          Retry failed
        </button>
        <form className="inline-field" onSubmit={sendTest}>
          <input type="email" required placeholder="you@example.com" value={to} onChange={(e) => setTo(e.target.value)} aria-label="Test message to" />
          <button type="submit">Send test message</button>
        </form>
      </div>
      {note && <p role="status">{note}</p>}
      <Async state={state} what="the outbox">
        {(d) => (
          <>
            {!d.smtp_configured && <p className="muted">No SMTP server is configured (tend serve --smtp-url): mail waits here.</p>}
            <p className="muted">
              {d.counts.queued} queued · {d.counts.sent} sent · {d.counts.failed} failed
            </p>
            {d.mail.length === 0 ? (
              <Empty title={status ? `No ${status} mail` : 'No mail yet'}>Messages appear when tend sends surveys or notifications.</Empty>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">To</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">Attempts</th>
                    <th scope="col">Last error / next try</th>
                  </tr>
                </thead>
                <tbody>
                  {d.mail.map((m) => (
                    <tr key={m.mail_id}>
                      <td>{formatDateTime(m.created_at)}</td>
                      <td className="break">{m.to}</td>
                      <td>{m.subject}</td>
                      <td>{m.kind}</td>
                      <td>
                        <span className={`tag mail-${m.status}`}>{m.status}</span>
                        {m.sent_at && <div className="muted small">{formatDateTime(m.sent_at)}</div>}
                      </td>
                      <td className="num">{m.attempts}</td>
                      <td className="small">
                        {m.last_error || '—'}
                        {m.next_attempt_at && m.status === 'queued' && <div className="muted">next {formatDateTime(m.next_attempt_at)}</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Async>
    </div>
  );
}
