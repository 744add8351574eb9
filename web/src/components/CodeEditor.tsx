// A plain-text code editor: a textarea with line numbers, and error marks at the lines the
// server named (a red line number and a tinted line, the message on hover). Tab inserts two
// spaces (Escape then Tab leaves the editor, so keyboard users are never trapped).
import { useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';

export interface EditorMark {
  line: number; // 1-based
  column: number;
  message: string;
}

export interface CodeEditorHandle {
  goTo: (line: number, column?: number) => void;
}

const LINE = 20; // px, the CSS line height of .code-editor

export function CodeEditor({
  value,
  onChange,
  marks,
  onCursorLine,
  label,
  testId,
  readOnly,
  ref,
}: {
  value: string;
  onChange: (v: string) => void;
  marks: EditorMark[];
  onCursorLine?: (line: number) => void;
  label: string;
  testId?: string;
  readOnly?: boolean;
  ref?: Ref<CodeEditorHandle>;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const escaped = useRef(false);
  const lineCount = useMemo(() => value.split('\n').length, [value]);
  const byLine = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const k of marks) m.set(k.line, [...(m.get(k.line) ?? []), k.message]);
    return m;
  }, [marks]);

  useImperativeHandle(ref, () => ({
    goTo(line: number, column = 1) {
      const el = area.current;
      if (!el) return;
      const lines = el.value.split('\n');
      let pos = 0;
      for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
      pos += Math.max(0, Math.min(column - 1, (lines[line - 1] ?? '').length));
      el.focus();
      el.setSelectionRange(pos, pos);
      el.scrollTop = Math.max(0, (line - 5) * LINE);
      setScroll({ top: el.scrollTop, left: el.scrollLeft }); // the scroll event comes a frame later
      onCursorLine?.(line);
    },
  }));

  const reportCursor = () => {
    const el = area.current;
    if (!el || !onCursorLine) return;
    onCursorLine(el.value.slice(0, el.selectionStart).split('\n').length);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      escaped.current = true;
      return;
    }
    if (e.key === 'Tab' && !e.shiftKey && !escaped.current && !readOnly) {
      e.preventDefault();
      const el = e.currentTarget;
      const { selectionStart: s, selectionEnd: t } = el;
      const next = el.value.slice(0, s) + '  ' + el.value.slice(t);
      onChange(next);
      requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
      return;
    }
    escaped.current = false;
  };

  return (
    <div className="code-editor" data-testid={testId}>
      <div className="code-gutter" aria-hidden="true">
        <div style={{ transform: `translateY(${-scroll.top}px)` }}>
          {Array.from({ length: lineCount }, (_, i) => {
            const msgs = byLine.get(i + 1);
            return (
              <div key={i} className={msgs ? 'gutter-line has-error' : 'gutter-line'} title={msgs?.join('\n')}>
                {msgs ? '● ' : ''}
                {i + 1}
              </div>
            );
          })}
        </div>
      </div>
      <div className="code-body">
        <div className="code-marks" aria-hidden="true" style={{ transform: `translateY(${-scroll.top}px)` }}>
          {[...byLine.keys()].map((line) => (
            <div key={line} className="code-mark" style={{ top: (line - 1) * LINE }} />
          ))}
        </div>
        <textarea
          ref={area}
          value={value}
          aria-label={label}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          onKeyDown={onKeyDown}
          onKeyUp={reportCursor}
          onClick={reportCursor}
          onSelect={reportCursor}
        />
      </div>
    </div>
  );
}
