// A thin React wrapper of one ECharts chart: draws `option` (replacing the previous one),
// follows its box's size, reports each finished drawing, and hands out a PNG.
import { useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import { chartFinished, chartGone, chartPending } from './drawn';
import { echarts, type ChartInstance, type ChartOption } from './echarts';

export interface ChartHandle {
  /** The chart as a PNG data URL at twice its size (canvas) or an SVG data URL (svg). */
  dataUrl(): string | null;
}

interface Props {
  option: ChartOption;
  /** Height in CSS pixels; the width follows the box. */
  height: number;
  /** 'svg' for print (crisp in a PDF), 'canvas' on screen. */
  renderer?: 'canvas' | 'svg';
  /** What the chart shows, for screen readers (the figures are in the table toggle). */
  label: string;
  onFinished?: () => void;
  ref?: Ref<ChartHandle>;
  testId?: string;
}

export function Chart({ option, height, renderer = 'canvas', label, onFinished, ref, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const token = useRef({});
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useLayoutEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, null, { renderer, locale: 'EN' });
    chart.current = c;
    const me = token.current;
    c.on('finished', () => {
      chartFinished(me);
      finished.current?.();
    });
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now === size) return;
      size = now;
      chartPending(me);
      c.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chartGone(me);
      c.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useLayoutEffect(() => {
    const c = chart.current;
    if (!c) return;
    chartPending(token.current);
    c.setOption(option, { notMerge: true });
  }, [option, renderer]);

  useImperativeHandle(
    ref,
    () => ({
      dataUrl: () => chart.current?.getDataURL({ type: renderer === 'svg' ? 'svg' : 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? null,
    }),
    [renderer],
  );

  return <div ref={box} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
