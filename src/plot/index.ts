/**
 * convkit's display helpers and chart builders, for notebooks:
 *
 *   import { show, lineChart, showTable } from '../lib/plot';
 *   await show(lineChart({ data, x: { field: 'M', title: 'filters M' }, y: … }));
 *
 * Every show*() sends ONE display_data message with several MIME types
 * inside a tslab kernel, and returns the bundle elsewhere.
 */
export { MIME } from './mime-bundle';
export type { MimeBundle, MimeType } from './mime-bundle';
export { inKernel, publishBundle } from './kernel-display';
export { convkitTheme, CHART_FONT_FAMILY, CATEGORY_COLOURS, VEGA_LITE_SCHEMA } from './theme';
export { compileVegaLite, renderSvg } from './vega-render';
export type { VegaLiteSpec } from './vega-render';
export { show, chartBundle, describeChart } from './show';
export type { ShowOptions } from './show';
export { showTable, tableBundle, formatCell } from './table';
export type { TableColumn, TableRow } from './table';
export { showFormula, formulaBundle } from './formula';
export { COLORMAP_NAMES, colormapRgb } from './colormap';
export type { ColormapName } from './colormap';
export { tensorToPng, tensorToRgba, encodeRgbaPng, encodePng } from './png';
export type { ImageOptions, ValueRange, RgbaImage, EncodePngOptions } from './png';
export { showImage, imageBundle, showImageGrid, imageGridBundle, composeGrid } from './image';
export type { ShowImageOptions, GridImage, ImageGridOptions } from './image';
export { lineChart } from './charts/line';
export type { LineChartOptions } from './charts/line';
export { barChart } from './charts/bar';
export type { BarChartOptions } from './charts/bar';
export { heatmap } from './charts/heatmap';
export type { HeatmapOptions } from './charts/heatmap';
export { smallMultiples } from './charts/small-multiples';
export type { SmallMultiplesOptions } from './charts/small-multiples';
export { separableCostChart } from './charts/separable-cost';
export type { SeparableCostChartOptions } from './charts/separable-cost';
export type { ChartField, ChartFrame, ChartRow, ScaleType } from './charts/chart-input';
