import * as vega from 'vega';
import type { VegaLiteSpec } from '../vega-render';
import { textWidth } from '../chart-font';
import { ChartField, ChartFrame, ChartRow, chartHead, checkChartInput, ScaleType } from './chart-input';

/** Font size of the values printed in the cells. */
const LABEL_FONT_SIZE = 10;

export interface HeatmapOptions extends ChartFrame {
  readonly data: readonly ChartRow[];
  /** Columns of cells (discrete), e.g. kernel size K. */
  readonly x: ChartField;
  /** Rows of cells (discrete), e.g. filters M. */
  readonly y: ChartField;
  /** Cell colour (quantitative), e.g. the separable/standard cost ratio. */
  readonly value: ChartField;
  /** Colour scale. Default 'linear'; 'log' when values span orders of magnitude. */
  readonly colorScale?: ScaleType;
  /** Print each value in its cell (readable up to about 10×10). Default false. */
  readonly showValues?: boolean;
  /** d3 number format for values shown and in tooltips. Default '.3~g'. */
  readonly format?: string;
}

/**
 * A heatmap over two discrete axes, e.g. the separable/standard cost ratio
 * for every (K, M): the reader sees at once that M barely matters past ~32
 * while K sets the floor 1/K².
 */
export function heatmap(options: HeatmapOptions): VegaLiteSpec {
  const {
    rows,
    fields: { x, y, value },
    scales: { colorScale },
  } = checkChartInput(options, { fields: ['x', 'y', 'value'], scales: { colorScale: 'value' } });
  const format = options.format ?? '.3~g';

  const cells = {
    mark: { type: 'rect' as const },
    encoding: {
      color: {
        field: value.field,
        type: 'quantitative' as const,
        title: value.title,
        scale: { type: colorScale, scheme: 'viridis' },
        // The legend prints its end values in the cells' own format, not as raw floats.
        legend: { format },
      },
    },
  };
  const labels = {
    mark: { type: 'text' as const, fontSize: LABEL_FONT_SIZE },
    encoding: {
      text: { field: value.field, type: 'quantitative' as const, format },
      // Dark text on the light end of viridis, light text on the dark end.
      color: {
        condition: {
          test: `datum['${value.field.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'] > ${midpointExpression(rows, value.field, colorScale)}`,
          value: '#111111',
        },
        value: '#ffffff',
      },
    },
  };
  const head = chartHead(options, rows);
  return {
    ...head,
    // Printed values need cells wide enough for them; Vega-Lite's default step
    // (20 px) cuts "2,518" at 10 px. Widths are measured with the chart font.
    ...(options.showValues && options.width === undefined ? { width: { step: valueCellStep(rows, value.field, format) } } : {}),
    encoding: {
      x: { field: x.field, type: 'ordinal', title: x.title, sort: null },
      y: { field: y.field, type: 'ordinal', title: y.title, sort: null },
      tooltip: [
        { field: x.field, type: 'ordinal', title: x.title },
        { field: y.field, type: 'ordinal', title: y.title },
        { field: value.field, type: 'quantitative', title: value.title, format },
      ],
    },
    layer: options.showValues ? [cells, labels] : [cells],
  };
}

/** Smallest cell width (px) that holds every printed value with 4 px either side. */
function valueCellStep(rows: readonly ChartRow[], field: string, format: string): number {
  // vega's own number formatter, so the measured text is the text vega prints
  // (vega-typings 1.x leave defaultLocale out of the declarations).
  const locale = (vega as unknown as { defaultLocale(): { format(spec: string): (value: number) => string } }).defaultLocale();
  const toText = locale.format(format);
  const widest = Math.max(...rows.map((row) => (typeof row[field] === 'number' ? textWidth(toText(row[field] as number), LABEL_FONT_SIZE) : 0)));
  return Math.max(20, Math.ceil(widest + 8));
}

/** The value at the middle of the colour scale (geometric middle on a log scale). */
function midpointExpression(rows: readonly ChartRow[], field: string, scale: ScaleType): number {
  const values = rows.map((row) => row[field]).filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return 0;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return scale === 'log' ? Math.sqrt(min * max) : (min + max) / 2;
}
