// Importing another tool's export as it is (docs/formats.md, "Mapped imports"): upload the
// file, tend proposes a mapping from its headers and sample values, the person corrects it in
// the editor, runs a dry run (the first rows as tend sees them, the values of the enumerated
// fields, every problem at its source line and column), then imports. The mapping is kept in
// this browser for files with the same columns, and can be downloaded for `tend import --map`.
import { useState } from 'react';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { IMPORT_KINDS } from '../../api/types';
import { CodeEditor } from '../../components/CodeEditor';
import { ErrorMessage } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { formatInt } from '../../lib/format';

// The key a mapping is saved under: the kind and the file's columns.
export function mappingKey(kind: string, header: string[]): string {
  return `tend.mapping.${kind}.${header.join('\u001f')}`;
}

// "What the file holds": the import kinds.
export function ImportKindSelect({ value, onChange, disabled, testId }: { value: string; onChange: (k: string) => void; disabled: boolean; testId?: string }) {
  return (
    <label className="field">
      <span>What the file holds</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} data-testid={testId}>
        {IMPORT_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}

export function MappedImportCard({ onDone }: { onDone: () => void }) {
  const toast = useToast();
  const [kind, setKind] = useState('accounts');
  const [file, setFile] = useState<File | null>(null);
  const [proposal, setProposal] = useState<api.MappingProposal | null>(null);
  const [mapping, setMapping] = useState('');
  const [saved, setSaved] = useState(false);
  const [result, setResult] = useState<api.MappedImportResult | null>(null);
  const [busy, setBusy] = useState<'propose' | 'dry' | 'import' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const propose = async () => {
    if (!file) return;
    setBusy('propose');
    setError(null);
    setResult(null);
    try {
      const p = await api.proposeMapping(kind, file);
      const mine = window.localStorage.getItem(mappingKey(kind, p.header));
      setProposal(p);
      setMapping(mine ?? p.mapping);
      setSaved(mine !== null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file || !proposal) return;
    setBusy(dryRun ? 'dry' : 'import');
    setError(null);
    try {
      const r = await api.importMapped(kind, { csv: await file.text(), mapping, filename: file.name, dry_run: dryRun });
      setResult(r);
      if (!dryRun) {
        window.localStorage.setItem(mappingKey(kind, proposal.header), mapping);
        setSaved(true);
        toast({ kind: 'success', text: `Imported ${formatInt(r.files[0]?.imported ?? 0)} rows; the mapping is kept for files like this one.` });
        onDone();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([mapping], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${kind}-mapping.yaml`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const preview = result?.preview;
  return (
    <section className="card" aria-labelledby="mapped-import-title" data-testid={T.mappedImport}>
      <h2 id="mapped-import-title">Import another tool's export</h2>
      <p className="muted">
        A Salesforce, HubSpot or Zendesk export, or any CSV with its own columns: tend proposes which column fills each field and in which
        format its dates and numbers are written; correct it, check the dry run, then import. Nothing is written before the import.
      </p>
      <div className="import-form">
        <ImportKindSelect value={kind} onChange={setKind} disabled={busy !== null} testId={T.mappedKind} />
        <label className="field">
          <span>CSV file</span>
          <input type="file" accept=".csv,text/csv" disabled={busy !== null} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid={T.mappedFile} />
        </label>
        <div className="form-actions">
          <button type="button" onClick={() => void propose()} disabled={!file || busy !== null} data-testid={T.mappedPropose}>
            {busy === 'propose' ? 'Reading…' : 'Propose a mapping'}
          </button>
        </div>
      </div>
      {error !== null && <ErrorMessage error={error} what="map the file" />}
      {proposal && (
        <>
          <p className="small muted" data-testid={T.mappedColumns}>
            {saved ? 'Your saved mapping for files with these columns. ' : ''}The file's columns: {proposal.header.join(', ')}.
          </p>
          <CodeEditor value={mapping} onChange={setMapping} marks={[]} label="Mapping (YAML)" testId={T.mappedEditor} />
          <div className="form-actions">
            <button type="button" onClick={() => void run(true)} disabled={busy !== null} data-testid={T.mappedDryRun}>
              {busy === 'dry' ? 'Checking…' : 'Dry run'}
            </button>
            <button type="button" className="primary" onClick={() => void run(false)} disabled={busy !== null} data-testid={T.mappedImportButton}>
              {busy === 'import' ? 'Importing…' : 'Import'}
            </button>
            <button type="button" onClick={download}>
              Download the mapping
            </button>
          </div>
        </>
      )}
      {result && (
        <div data-testid={T.mappedResult} data-committed={result.committed} data-problems={result.problems}>
          <p>
            {result.dry_run ? 'Dry run: ' : result.committed ? 'Imported: ' : ''}
            {formatInt(result.files[0]?.rows ?? 0)} rows read, {formatInt((result.files[0]?.rows ?? 0) - (result.files[0]?.rejected ?? 0))} valid,{' '}
            {formatInt(result.problems)} problem(s){preview?.skipped ? `, ${formatInt(preview.skipped)} left out by only:` : ''}
            {result.dry_run ? '; nothing was written.' : '.'}
          </p>
          {result.messages.length > 0 && (
            <ol className="problems" data-testid={T.mappedProblems}>
              {result.messages.map((m, i) => (
                <li key={i}>
                  <code>{m}</code>
                </li>
              ))}
            </ol>
          )}
          {preview && preview.rows.length > 0 && (
            <div className="table-scroll">
              <table className="table small" data-testid={T.mappedPreview}>
                <thead>
                  <tr>
                    {preview.header.map((h) => (
                      <th key={h}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((v, j) => (
                        <td key={j}>{v}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview &&
            Object.entries(preview.value_counts).map(([field, counts]) => (
              <p key={field} className="small">
                <strong>{field}</strong>:{' '}
                {Object.entries(counts)
                  .map(([v, n]) => `${v || '(empty)'} ${formatInt(n)}`)
                  .join(', ')}
              </p>
            ))}
        </div>
      )}
    </section>
  );
}
