// Data: what the workspace holds, CSV import (upload progress, then the import's report or
// the list of bad rows), and a full refresh of the scores now.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import * as api from '../../api/endpoints';
import type { ImportResult } from '../../api/types';
import { ErrorMessage } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { useLiveEvent } from '../../live/LiveContext';
import { describeError } from '../../lib/errors';
import { formatBytes, formatDateTime, formatDay, formatInt, formatNumber } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { ImportKindSelect, MappedImportCard } from './MappedImportCard';

type Phase = { kind: 'idle' } | { kind: 'uploading'; sent: number; total: number } | { kind: 'importing'; since: number };

function useElapsed(since: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (since === null) return;
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, [since]);
  return since === null ? 0 : Math.max(0, (now - since) / 1000);
}

export default function DataPage() {
  const stats = useApi((signal) => api.stats(signal), []);
  useLiveEvent('refresh', () => stats.reload());
  return (
    <div className="page narrow">
      <h1>Data</h1>
      <section className="card" aria-labelledby="stats-title">
        <h2 id="stats-title">The workspace</h2>
        {stats.error !== null && !stats.data && <ErrorMessage error={stats.error} retry={stats.reload} />}
        {stats.data && (
          <dl className="pairs pairs-wide">
            <dt>Accounts</dt>
            <dd>{formatInt(stats.data.accounts)}</dd>
            <dt>Contacts</dt>
            <dd>{formatInt(stats.data.contacts)}</dd>
            <dt>Events</dt>
            <dd>{formatInt(stats.data.events)}</dd>
            <dt>Activities</dt>
            <dd>{formatInt(stats.data.activities)}</dd>
            <dt>Scores as of</dt>
            <dd>{formatDay(stats.data.as_of)}</dd>
            <dt>Last refresh</dt>
            <dd>
              {formatDateTime(stats.data.last_refresh_at)}{' '}
              {stats.data.last_refresh_ms ? <span className="muted small">({formatNumber(stats.data.last_refresh_ms)} ms)</span> : null}
            </dd>
          </dl>
        )}
        <RefreshNow onDone={stats.reload} />
      </section>
      <ImportCard onDone={stats.reload} />
      <MappedImportCard onDone={stats.reload} />
    </div>
  );
}

function RefreshNow({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const [since, setSince] = useState<number | null>(null);
  const elapsed = useElapsed(since);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setSince(Date.now());
    setError(null);
    try {
      await api.refresh();
      toast({ kind: 'success', key: 'refresh', text: 'Scores refreshed and rules run.' });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setSince(null);
    }
  };
  return (
    <div className="refresh">
      <button type="button" onClick={() => void run()} disabled={since !== null}>
        {since !== null ? 'Refreshing…' : 'Refresh all scores now'}
      </button>
      {since !== null && (
        <span className="progress-inline" role="status">
          <span className="progress indeterminate" aria-hidden="true">
            <span />
          </span>
          {elapsed.toFixed(0)} s — every account is re-scored and the rules run; this can take a minute on big workspaces.
        </span>
      )}
      {error !== null && <ErrorMessage error={error} what="refresh the scores" />}
    </div>
  );
}

function ImportCard({ onDone }: { onDone: () => void }) {
  const [kind, setKind] = useState('accounts');
  const [file, setFile] = useState<File | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<(() => void) | null>(null);
  const elapsed = useElapsed(phase.kind === 'importing' ? phase.since : null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    setError(null);
    setPhase({ kind: 'uploading', sent: 0, total: file.size });
    const job = api.importCsv(
      kind,
      file,
      skipBad,
      (sent, total) => setPhase({ kind: 'uploading', sent, total }),
      () => setPhase({ kind: 'importing', since: Date.now() }),
    );
    abort.current = job.abort;
    try {
      setResult(await job.promise);
      onDone();
    } catch (err) {
      if (!(err instanceof DOMException)) setError(err);
    } finally {
      abort.current = null;
      setPhase({ kind: 'idle' });
    }
  };

  const problems = error instanceof ApiError ? (error.body?.messages ?? []) : [];
  const busy = phase.kind !== 'idle';
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">Import a CSV file</h2>
      <p className="muted">
        The same files and rules as <code>tend import</code>. A file with bad rows is refused as a whole, with the list of problems; tick
        “skip bad rows” to import the good ones and get the bad ones back.
      </p>
      <form onSubmit={submit} className="import-form">
        <ImportKindSelect value={kind} onChange={setKind} disabled={busy} />
        <label className="field">
          <span>CSV file</span>
          <input ref={input} type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} disabled={busy} /> skip bad rows
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!file || busy}>
            Import
          </button>
          {busy && (
            <button type="button" onClick={() => abort.current?.()} disabled={phase.kind !== 'uploading'}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {phase.kind === 'uploading' && (
        <div className="progress-block" role="status">
          <progress max={phase.total || 1} value={phase.sent} />
          Uploading {formatBytes(phase.sent)} of {formatBytes(phase.total)} ({Math.round((100 * phase.sent) / (phase.total || 1))}%)
        </div>
      )}
      {phase.kind === 'importing' && (
        <div className="progress-block" role="status">
          <span className="progress indeterminate" aria-hidden="true">
            <span />
          </span>
          Importing and re-scoring… {elapsed.toFixed(0)} s
        </div>
      )}
      {error !== null && (
        <div className="error-box" role="alert">
          <p>{describeError(error, 'import data')}</p>
          {problems.length > 0 && (
            <>
              <p>Fix these rows and upload the file again:</p>
              <ol className="problems">
                {problems.slice(0, 200).map((m, i) => (
                  <li key={i}>
                    <code>{m}</code>
                  </li>
                ))}
              </ol>
              {problems.length > 200 && <p className="small">…and {problems.length - 200} more.</p>}
            </>
          )}
        </div>
      )}
      {result && <ImportReport r={result} />}
    </section>
  );
}

function ImportReport({ r }: { r: ImportResult }) {
  const download = () => {
    if (!r.rejected_csv) return;
    const url = URL.createObjectURL(new Blob([r.rejected_csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'rejected.csv';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="notice notice-success" role="status">
      <p>
        <strong>Imported.</strong> {r.problems > 0 ? `${r.problems} bad row(s) were skipped.` : 'No problems.'}
      </p>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col" className="num">Imported</th>
            <th scope="col" className="num">Duplicates</th>
            <th scope="col" className="num">Rejected</th>
            <th scope="col" className="num">Seconds</th>
          </tr>
        </thead>
        <tbody>
          {r.files.map((f) => (
            <tr key={f.file + f.kind}>
              <td>
                {f.file} <span className="muted small">({f.kind})</span>
                {f.ignored_columns.length > 0 && <div className="muted small">ignored columns: {f.ignored_columns.join(', ')}</div>}
              </td>
              <td className="num">{formatInt(f.rows)}</td>
              <td className="num">{formatInt(f.imported)}</td>
              <td className="num">{formatInt(f.duplicates)}</td>
              <td className="num">{formatInt(f.rejected)}</td>
              <td className="num">{formatNumber(f.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.messages.length > 0 && (
        <ol className="problems">
          {r.messages.slice(0, 100).map((m, i) => (
            <li key={i}>
              <code>{m}</code>
            </li>
          ))}
        </ol>
      )}
      {r.rejected_csv && (
        <button type="button" onClick={download}>
          Download the rejected rows
        </button>
      )}
    </div>
  );
}
