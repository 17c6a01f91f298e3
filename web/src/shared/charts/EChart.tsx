import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from "echarts/charts";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only what the pages draw: bars, lines and pies, drawn as SVG (sharp at any zoom, text selectable).
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** The palette of the charts: the theme's blue first, then colours that stay apart for colour-blind readers. */
export const CHART_COLOURS = ["#1d4ed8", "#ea580c", "#059669", "#7c3aed", "#db2777", "#0891b2", "#ca8a04"];

/**
 * One ECharts chart: created on mount, updated when the option changes, resized with its box and
 * disposed on unmount. `label` names the chart for screen readers (ECharts' aria adds a description).
 */
export function EChart({
  option,
  label,
  height = 300,
  testId,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) {
      return;
    }
    const instance = echarts.init(element, null, { renderer: "svg" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { color: CHART_COLOURS, aria: { enabled: true }, animationDuration: 300, ...option },
      { notMerge: true },
    );
  }, [option]);

  return (
    <div ref={box} role="img" aria-label={label} style={{ width: "100%", height }} data-testid={testId} />
  );
}
