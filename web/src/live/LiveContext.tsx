// The server's event stream (/api/stream) for the whole app: one EventSource while signed
// in; pages subscribe to the events they show (score, cta, cta_updated, refresh). The browser
// reconnects by itself (the server sends retry: 3000).
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { apiUrl } from '../api/client';
import type { CtaEventData, RefreshEvent, ScoreEvent } from '../api/types';

export interface LiveEvents {
  score: ScoreEvent;
  cta: CtaEventData;
  cta_updated: CtaEventData;
  refresh: RefreshEvent;
}
export type LiveEventName = keyof LiveEvents;
export type LiveStatus = 'connecting' | 'live' | 'offline';

type Handler = (data: unknown) => void;

interface LiveValue {
  status: LiveStatus;
  subscribe: (name: LiveEventName, handler: Handler) => () => void;
}

const LiveContext = createContext<LiveValue | null>(null);
const NAMES: LiveEventName[] = ['score', 'cta', 'cta_updated', 'refresh'];

export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handlers = useRef(new Map<LiveEventName, Set<Handler>>());

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const es = new EventSource(apiUrl('/api/stream'));
    setStatus('connecting');
    es.addEventListener('hello', () => setStatus('live'));
    es.onopen = () => setStatus('live');
    es.onerror = () => setStatus(es.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    for (const name of NAMES) {
      es.addEventListener(name, (ev) => {
        let data: unknown;
        try {
          data = JSON.parse((ev as MessageEvent<string>).data);
        } catch {
          return;
        }
        handlers.current.get(name)?.forEach((h) => h(data));
      });
    }
    return () => es.close();
  }, [enabled]);

  const value = useRef<LiveValue>({
    status,
    subscribe: (name, handler) => {
      let set = handlers.current.get(name);
      if (!set) handlers.current.set(name, (set = new Set()));
      set.add(handler);
      return () => set.delete(handler);
    },
  });
  value.current = { ...value.current, status };
  return <LiveContext.Provider value={value.current}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext)?.status ?? 'offline';
}

// Calls `handler` for every `name` event while the component is mounted.
export function useLiveEvent<N extends LiveEventName>(name: N, handler: (data: LiveEvents[N]) => void): void {
  const ctx = useContext(LiveContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!ctx) return;
    return ctx.subscribe(name, (d) => ref.current(d as LiveEvents[N]));
  }, [ctx?.subscribe, name]); // deliberately narrower deps
}
