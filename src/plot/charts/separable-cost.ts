import { ConvkitInputError, requireInteger } from '../../errors';
import type { VegaLiteSpec } from '../vega-render';
import { convkitTheme, VEGA_LITE_SCHEMA } from '../theme';

export interface SeparableCostChartOptions {
  /** Kernel size K the slider starts at. Default 3 (MobileNet's 3×3). */
  readonly kernelSize?: number;
  /** Largest K on the slider (odd values from 1). Default 9. */
  readonly maxKernelSize?: number;
  /** Filters M run over powers of two from 1 to this. Default 1024 (MobileNet v1's widest layer). */
  readonly maxFilters?: number;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * The cost of a depthwise separable convolution relative to a standard one,
 * as the number of filters M grows, for a kernel size K set with a slider:
 *
 *   (H·W·C·K² + H·W·C·M) / (H·W·C·K²·M) = 1/M + 1/K²
 *
 * (Howard et al. 2017, MobileNets, section 3.1). The ratio is computed by a
 * Vega expression from the slider's value, so moving the slider redraws the
 * chart in the browser without asking the kernel. A dashed rule marks the
 * floor 1/K² that the ratio approaches for large M; for K = 3 and M = 1024
 * the ratio is about 0.112, i.e. 8–9 times fewer multiply-adds.
 */
export function separableCostChart(options: SeparableCostChartOptions = {}): VegaLiteSpec {
  const maxKernelSize = requireInteger('maxKernelSize', options.maxKernelSize ?? 9);
  const kernelSize = requireInteger('kernelSize', options.kernelSize ?? 3);
  if (kernelSize > maxKernelSize) {
    throw new ConvkitInputError('kernelSize', kernelSize, `must be <= maxKernelSize (${maxKernelSize})`);
  }
  const maxFilters = requireInteger('maxFilters', options.maxFilters ?? 1024);
  if (maxFilters < 2) throw new ConvkitInputError('maxFilters', maxFilters, 'must be at least 2');
  const exponents = Math.floor(Math.log2(maxFilters));
  const filterCounts = Array.from({ length: exponents + 1 }, (_, i) => ({ M: 2 ** i }));

  const ratio = '1 / datum.M + 1 / (K * K)';
  const xAxis = { field: 'M', type: 'quantitative' as const, title: 'filters M (output channels)', scale: { type: 'log' as const, base: 2 } };
  const yTitle = 'separable / standard multiply-adds (ratio)';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Depthwise separable vs standard convolution: 1/M + 1/K²',
    ...(options.width !== undefined ? { width: requireInteger('width', options.width) } : {}),
    ...(options.height !== undefined ? { height: requireInteger('height', options.height) } : {}),
    config: convkitTheme,
    params: [
      {
        name: 'K',
        value: kernelSize,
        bind: { input: 'range', min: 1, max: maxKernelSize, step: 1, name: 'kernel size K ' },
      },
    ],
    layer: [
      {
        data: { values: filterCounts },
        transform: [
          { calculate: ratio, as: 'ratio' },
          { calculate: '1 / datum.ratio', as: 'fewerTimes' },
        ],
        mark: { type: 'line', point: true },
        encoding: {
          x: xAxis,
          y: { field: 'ratio', type: 'quantitative', title: yTitle, scale: { type: 'log', domain: [0.01, 2], nice: false } },
          tooltip: [
            { field: 'M', type: 'quantitative', title: 'filters M' },
            { field: 'ratio', type: 'quantitative', title: 'ratio 1/M + 1/K²', format: '.4f' },
            { field: 'fewerTimes', type: 'quantitative', title: 'times fewer MACs', format: '.2f' },
          ],
        },
      },
      {
        data: { values: [{ floor: 0 }] },
        transform: [{ calculate: '1 / (K * K)', as: 'floor' }],
        mark: { type: 'rule', strokeDash: [4, 4], color: '#D55E00' },
        encoding: { y: { field: 'floor', type: 'quantitative' } },
      },
      {
        data: { values: [{ floor: 0 }] },
        transform: [
          { calculate: '1 / (K * K)', as: 'floor' },
          { calculate: "'floor 1/K² = ' + format(datum.floor, '.4f')", as: 'label' },
        ],
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, color: '#D55E00', x: 'width' },
        encoding: { y: { field: 'floor', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
