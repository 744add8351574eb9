// Tabs whose selection lives in the URL (?tab=...), so every tab has a shareable address and
// the back button steps through them. Arrow keys move between tabs.
import { useRef, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface TabDef {
  id: string;
  label: string;
  count?: number;
}

export function useTab(tabs: TabDef[], param = 'tab'): string {
  const [params] = useSearchParams();
  const t = params.get(param);
  return tabs.some((x) => x.id === t) ? (t as string) : tabs[0].id;
}

export function Tabs({ tabs, label, param = 'tab' }: { tabs: TabDef[]; label: string; param?: string }) {
  const [params, setParams] = useSearchParams();
  const current = useTab(tabs, param);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const select = (id: string) => {
    const p = new URLSearchParams(params);
    if (id === tabs[0].id) p.delete(param);
    else p.set(param, id);
    setParams(p);
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const j = (i + d + tabs.length) % tabs.length;
    refs.current[j]?.focus();
    select(tabs[j].id);
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={t.id === current}
          aria-controls={`panel-${t.id}`}
          tabIndex={t.id === current ? 0 : -1}
          className={t.id === current ? 'tab active' : 'tab'}
          onClick={() => select(t.id)}
          onKeyDown={(e) => onKey(e, i)}
          data-testid={`tab-${t.id}`}
        >
          {t.label}
          {t.count !== undefined && <span className="tab-count">{t.count}</span>}
        </button>
      ))}
    </div>
  );
}
