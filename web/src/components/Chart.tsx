// An ECharts chart that follows its container's size. `onPick` gets the clicked element
// (series name, data name, data index) so a chart can open the accounts behind it. ECharts
// itself loads on first use, in parallel with the page: numbers and tables show before it.
import { useEffect, useRef, useState } from 'react';
import type { ChartOption, ECElementEvent } from '../lib/echarts';

type ECharts = typeof import('../lib/echarts')['echarts'];
let loading: Promise<ECharts> | null = null;
export function loadECharts(): Promise<ECharts> {
  loading ??= import('../lib/echarts').then((m) => m.echarts);
  return loading;
}

export interface Pick {
  seriesName: string | undefined;
  name: string;
  dataIndex: number;
  data: unknown;
}

export function Chart({
  option,
  height = 240,
  label,
  onPick,
  testId,
}: {
  option: ChartOption;
  height?: number;
  label: string;
  onPick?: (p: Pick) => void;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<ECharts['init']> | null>(null);
  const [lib, setLib] = useState<ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    let live = true;
    void loadECharts().then((e) => live && setLib(() => e));
    return () => {
      live = false;
    };
  }, []);

  const [ready, setReady] = useState(false);
  useEffect(() => {
    const node = el.current;
    if (!node || !lib) return;
    let c: ReturnType<ECharts['init']> | null = null;
    let ro: ResizeObserver | null = null;
    // Draw after the next paint, so the page's numbers show before the charts' work.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        c = lib.init(node, undefined, { renderer: 'svg' });
        chart.current = c;
        c.on('click', (e) => {
          const ev = e as ECElementEvent;
          pick.current?.({ seriesName: ev.seriesName, name: ev.name, dataIndex: ev.dataIndex, data: ev.data });
        });
        const inst = c;
        ro = new ResizeObserver(() => inst.resize());
        ro.observe(node);
        setReady(true);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      ro?.disconnect();
      c?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [lib]);

  useEffect(() => {
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, animation: !still, animationDuration: 300, ...option }, true);
  }, [option, label, ready]);

  return (
    <div className="chart" style={{ height }} role="figure" aria-label={label} aria-busy={!ready} data-testid={testId}>
      <div ref={el} className="chart-canvas" />
      {!ready && <span className="chart-loading">Drawing the chart…</span>}
    </div>
  );
}
