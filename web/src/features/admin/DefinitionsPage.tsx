// The definitions editor: the YAML files in force (metrics, scorecards, rules, playbooks),
// checked by the server as you type, with each error at its line. The rule preview lists the
// accounts a rule's condition matches now, before anything is applied. "Apply" stores every
// file at once (all or nothing) and refreshes the scores.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import { ApiError } from '../../api/client';
import * as api from '../../api/endpoints';
import type { DefinitionError, DefinitionFile, PreviewResult } from '../../api/types';
import { CodeEditor, type CodeEditorHandle } from '../../components/CodeEditor';
import { Empty, ErrorMessage, Loading } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { formatDateTime, formatInt } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { findRules, ruleAtLine } from '../../lib/yamlRules';

type Check = { state: 'idle' | 'checking' } | { state: 'done'; errors: DefinitionError[] } | { state: 'failed'; error: unknown };

export default function DefinitionsPage() {
  const loaded = useApi((signal) => api.definitions(signal), []);
  if (loaded.error && !loaded.data) return <div className="page"><h1>Definitions</h1><ErrorMessage error={loaded.error} retry={loaded.reload} /></div>;
  if (!loaded.data) return <Loading what="Loading the definitions" />;
  return <Editor initial={loaded.data.files} onApplied={loaded.reload} />;
}

function Editor({ initial, onApplied }: { initial: DefinitionFile[]; onApplied: () => void }) {
  const toast = useToast();
  const [files, setFiles] = useState<DefinitionFile[]>(initial);
  const [current, setCurrent] = useState(0);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [applying, setApplying] = useState(false);
  const editor = useRef<CodeEditorHandle>(null);
  useEffect(() => setFiles(initial), [initial]);

  const file = files[current];
  const dirty = files.some((f, i) => f.content !== initial[i]?.content);

  // Validate on the server a moment after the last keystroke.
  const contentKey = files.map((f) => f.content).join('\u0000');
  useEffect(() => {
    if (!dirty) {
      setCheck({ state: 'idle' });
      return;
    }
    let live = true;
    const t = window.setTimeout(async () => {
      setCheck({ state: 'checking' });
      try {
        const r = await api.validateDefinitions(files);
        if (live) setCheck({ state: 'done', errors: r.errors });
      } catch (err) {
        if (!live) return;
        // An apply-style 422 carries the same errors.
        const errors = err instanceof ApiError ? err.body?.errors : undefined;
        setCheck(errors ? { state: 'done', errors } : { state: 'failed', error: err });
      }
    }, 600);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [contentKey]); // deliberately narrower deps

  const errors = check.state === 'done' ? check.errors : [];
  const marks = errors.filter((e) => !file || e.file === file.path || files.length === 1).map((e) => ({ line: e.line, column: e.column, message: e.message }));

  const setContent = (content: string) => setFiles((fs) => fs.map((f, i) => (i === current ? { ...f, content } : f)));

  const apply = async () => {
    setApplying(true);
    try {
      await api.applyDefinitions(files);
      toast({ kind: 'success', text: 'Definitions applied; every account was re-scored.' });
      onApplied();
    } catch (err) {
      const errs = err instanceof ApiError ? err.body?.errors : undefined;
      if (errs) setCheck({ state: 'done', errors: errs });
      toast({ kind: 'error', text: errs ? `Not applied: ${errs.length} problem(s) in the definitions.` : describeError(err, 'apply definitions') });
    } finally {
      setApplying(false);
    }
  };

  // The rule at the cursor (or picked in the list) is the one previewed.
  const rules = useMemo(() => findRules(file?.content ?? ''), [file?.content]);
  const [ruleName, setRuleName] = useState('');
  const rule = rules.find((r) => r.name === ruleName) ?? rules[0];

  if (!file) {
    return (
      <div className="page">
        <h1>Definitions</h1>
        <Empty title="No definitions yet">
          Install a template with <code>tend init --template saas</code>, or apply YAML files with <code>tend apply</code>.
        </Empty>
      </div>
    );
  }

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>Definitions</h1>
          <p className="muted">
            Metrics, scorecards, rules and playbooks. Changes are checked as you type; nothing changes until you apply.
            {file.applied_at && ` This file was applied ${formatDateTime(file.applied_at)}.`}
          </p>
        </div>
        <div className="actions">
          <CheckStatus check={check} dirty={dirty} />
          <button type="button" disabled={!dirty || applying} onClick={() => setFiles(initial)}>
            Discard changes
          </button>
          <button
            type="button"
            className="primary"
            disabled={!dirty || applying || errors.length > 0 || check.state === 'checking'}
            onClick={() => void apply()}
            data-testid={T.applyDefinitions}
          >
            {applying ? 'Applying and re-scoring…' : 'Apply'}
          </button>
        </div>
      </header>
      {files.length > 1 && (
        <div className="tabs" role="tablist" aria-label="Definition files">
          {files.map((f, i) => (
            <button key={f.path} type="button" role="tab" aria-selected={i === current} className={i === current ? 'tab active' : 'tab'} onClick={() => setCurrent(i)}>
              {f.path}
              {f.content !== initial[i]?.content && ' •'}
            </button>
          ))}
        </div>
      )}
      <div className="definitions-layout">
        <div className="definitions-editor">
          <p className="muted small file-path">{file.path}</p>
          <CodeEditor
            ref={editor}
            value={file.content}
            onChange={setContent}
            marks={marks}
            label={`Definitions file ${file.path}`}
            testId={T.definitionsEditor}
            onCursorLine={(line) => {
              const r = ruleAtLine(rules, line);
              if (r) setRuleName(r.name);
            }}
          />
          {errors.length > 0 && (
            <div className="error-box" role="alert" data-testid={T.definitionsErrors}>
              <p>
                {errors.length} problem{errors.length === 1 ? '' : 's'}. Select one to go to its line:
              </p>
              <ul className="def-errors">
                {errors.map((e, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        const fi = files.findIndex((f) => f.path === e.file);
                        if (fi >= 0 && fi !== current) setCurrent(fi);
                        requestAnimationFrame(() => editor.current?.goTo(e.line, e.column));
                      }}
                    >
                      line {e.line}, column {e.column}
                    </button>
                    : {e.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {check.state === 'failed' && <ErrorMessage error={check.error} what="check definitions" />}
        </div>
        <RulePreview
          rules={rules.map((r) => ({ name: r.name, when: r.when, line: r.line }))}
          selected={rule?.name ?? ''}
          condition={rule?.when ?? ''}
          onPick={(name) => {
            setRuleName(name);
            const r = rules.find((x) => x.name === name);
            if (r) editor.current?.goTo(r.whenLine ?? r.line, 1);
          }}
        />
      </div>
    </div>
  );
}

function CheckStatus({ check, dirty }: { check: Check; dirty: boolean }) {
  if (!dirty) return <span className="muted small">No changes</span>;
  if (check.state === 'checking' || check.state === 'idle') return <span className="muted small">Checking…</span>;
  if (check.state === 'failed') return <span className="small change-down">Could not check</span>;
  if (check.state !== 'done') return null;
  return check.errors.length === 0 ? (
    <span className="small change-up">✓ Valid</span>
  ) : (
    <span className="small change-down">
      {check.errors.length} problem{check.errors.length === 1 ? '' : 's'}
    </span>
  );
}

function RulePreview({
  rules,
  selected,
  condition,
  onPick,
}: {
  rules: { name: string; when: string; line: number }[];
  selected: string;
  condition: string;
  onPick: (name: string) => void;
}) {
  const [text, setText] = useState(condition);
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The condition follows the YAML (and the picked rule); it can also be tried out here.
  useEffect(() => setText(condition), [condition, selected]);

  const run = async (cond: string) => {
    if (!cond.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.previewCondition(cond.trim(), 200));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // Preview again a moment after the condition changes.
  useEffect(() => {
    if (!text.trim()) return;
    const t = window.setTimeout(() => void run(text), 500);
    return () => window.clearTimeout(t);
  }, [text]); // deliberately narrower deps

  const badCondition = error instanceof ApiError && error.status === 422;
  return (
    <aside className="card rule-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Rule preview</h2>
      <p className="muted small">The active accounts the rule's condition matches now. Nothing is applied or raised.</p>
      {rules.length === 0 ? (
        <p className="muted">This file has no rules.</p>
      ) : (
        <label className="field">
          <span>Rule</span>
          <select value={selected} onChange={(e) => onPick(e.target.value)} data-testid={T.rulePicker}>
            {rules.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} (line {r.line})
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Condition</span>
        <textarea className="mono" rows={3} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid={T.ruleCondition} />
      </label>
      <button type="button" onClick={() => void run(text)} disabled={busy || !text.trim()} data-testid={T.previewRun}>
        {busy ? 'Matching…' : 'Preview matches'}
      </button>
      {error !== null && (
        <div className="error-box" role="alert">
          {badCondition ? <pre className="mono small">{(error as ApiError).message}</pre> : <p>{describeError(error, 'preview rules')}</p>}
        </div>
      )}
      {result && (
        <div data-testid={T.previewResult} aria-live="polite" className={busy ? 'stale' : undefined}>
          <p>
            <strong data-testid={T.previewCount} data-count={result.matches}>
              {formatInt(result.matches)}
            </strong>{' '}
            account{result.matches === 1 ? '' : 's'} match{result.matches === 1 ? 'es' : ''} now
            {result.accounts.length < result.matches && ` (first ${result.accounts.length} shown)`}
          </p>
          {result.accounts.length > 0 && (
            <div className="scroll-box">
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    {result.names.map((n) => (
                      <th key={n} scope="col" className="num">
                        {n}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.accounts.map((a) => (
                    <tr key={a.account_id}>
                      <td>
                        <Link to={`/accounts/${encodeURIComponent(a.account_id)}`}>{a.account_id}</Link>
                      </td>
                      {result.names.map((n) => (
                        <td key={n} className="num">
                          {a.values[n] ?? '—'}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </aside>
  );
}
