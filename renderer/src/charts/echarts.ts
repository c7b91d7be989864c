// The chart library, Apache ECharts, with only the parts Spendmap uses (bar and scatter
// series, grid, tooltip, legend; canvas for the screen, SVG for print), and the `map`
// series for ward maps drawn from the project's own shapes (no tiles, no remote fonts:
// everything is bundled and draws offline).
import { BarChart, MapChart, ScatterChart, type BarSeriesOption, type MapSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, MapChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | MapSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
export type ChartInstance = echarts.ECharts;
export { echarts };
