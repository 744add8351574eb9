// ECharts, imported piece by piece: only the chart types and components the dashboard uses,
// so the bundle stays small (see scripts/size.mjs).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption, ECElementEvent } from 'echarts/core';
