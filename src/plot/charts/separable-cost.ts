/**
 * The cost of a depthwise separable convolution relative to a standard one,
 * as the number of filters M grows — one line for each kernel size K (3, 5
 * and 7 by default, the common odd kernel sizes), plus, optionally, a dashed line for a K
 * picked with an odd-only slider:
 *
 *   (H·W·C·K² + H·W·C·M) / (H·W·C·K²·M) = 1/M + 1/K²
 *
 * (Howard et al. 2017, MobileNets, section 3.1, eq. (5)). The ratio is not
 * typed in here: it is the cost model's symbolic ratio,
 * separableToStandardRatio() (mathjs divides separableMacs by conv2dMacs and
 * simplifies), translated into a Vega expression by vegaExpression(). Vega
 * evaluates it in the browser, so moving the slider redraws the chart without
 * asking the kernel. A dashed rule per K marks the floor the ratio approaches
 * for large M, the pointwise share pointwiseToStandardRatio() = 1/K²; for
 * K = 3 and M = 1024 the ratio is about 0.112, i.e. 8–9 times fewer
 * multiply-adds.
 */
import type { MathNode } from 'mathjs';
import { math } from '../../cost/formulas';
import { pointwiseToStandardRatio, separableToStandardRatio } from '../../cost/symbolic';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { VegaLiteSpec } from '../vega-render';
import { convkitTheme, VEGA_LITE_SCHEMA } from '../theme';

// --- mathjs expression → Vega expression ------------------------------------------

/** mathjs operators and their Vega expression spelling (binary, infix). */
const INFIX: Readonly<Record<string, string>> = { add: '+', subtract: '-', multiply: '*', divide: '/' };

/** Functions that mathjs and the Vega expression language both know, under the same name. */
const SHARED_FUNCTIONS = ['sqrt', 'abs', 'exp', 'log', 'min', 'max', 'floor', 'ceil'] as const;

/** A Vega identifier or field access such as `K` or `datum.M`: nothing else may stand in for a symbol. */
const VEGA_REFERENCE = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * Translates a mathjs expression (its text, e.g. '1 / M + 1 / K ^ 2', or its
 * tree) into the Vega expression language, e.g. with
 * `{ M: 'datum.M', K: 'datum.K' }`: '(1 / datum.M) + (1 / pow(datum.K, 2))'.
 *
 * Covers numbers, symbols (each must be mapped in `symbols`), + − × ÷, ^ (as
 * Vega's pow), unary minus, parentheses and the functions sqrt, abs, exp,
 * log, min, max, floor, ceil. Every sub-expression is parenthesised, so
 * operator precedence cannot differ between the two languages. Anything else
 * is an input error naming the node, never a silently wrong chart.
 */
export function vegaExpression(expression: string | MathNode, symbols: Readonly<Record<string, string>>): string {
  for (const [name, reference] of Object.entries(symbols)) {
    if (typeof reference !== 'string' || !VEGA_REFERENCE.test(reference)) {
      throw new ConvkitInputError(`symbols.${name}`, reference, 'must be a Vega identifier or field access such as datum.M');
    }
  }
  let node: MathNode;
  if (typeof expression === 'string') {
    try {
      node = math.parse(expression);
    } catch (error) {
      throw new ConvkitInputError('expression', expression, `must be a mathjs expression (${(error as Error).message})`);
    }
  } else {
    node = expression;
  }
  return translate(node, symbols, true);
}

function translate(node: MathNode, symbols: Readonly<Record<string, string>>, root: boolean): string {
  const wrap = (text: string) => (root ? text : `(${text})`);
  const any = node as unknown as { type: string; value?: unknown; name?: string; fn?: unknown; op?: string; args?: MathNode[]; content?: MathNode };
  switch (any.type) {
    case 'ConstantNode': {
      if (typeof any.value !== 'number' || !Number.isFinite(any.value)) {
        throw new ConvkitInputError('expression', node.toString(), 'may hold only finite numbers as constants');
      }
      return String(any.value);
    }
    case 'SymbolNode': {
      const reference = Object.hasOwn(symbols, any.name ?? '') ? symbols[any.name as string] : undefined;
      if (reference === undefined) {
        throw new ConvkitInputError(`symbols.${any.name}`, undefined, `must map every symbol of the expression (${node.toString()}) to a Vega reference`);
      }
      return reference;
    }
    case 'ParenthesisNode':
      return translate(any.content as MathNode, symbols, root);
    case 'OperatorNode': {
      const args = any.args ?? [];
      const fn = String(any.fn);
      if (args.length === 2 && fn in INFIX) {
        return wrap(`${translate(args[0], symbols, false)} ${INFIX[fn]} ${translate(args[1], symbols, false)}`);
      }
      if (args.length === 2 && fn === 'pow') return `pow(${translate(args[0], symbols, true)}, ${translate(args[1], symbols, true)})`;
      if (args.length === 1 && fn === 'unaryMinus') return wrap(`-${translate(args[0], symbols, false)}`);
      if (args.length === 1 && fn === 'unaryPlus') return translate(args[0], symbols, root);
      break;
    }
    case 'FunctionNode': {
      const name = (any.fn as { name?: string } | undefined)?.name;
      if (name !== undefined && (SHARED_FUNCTIONS as readonly string[]).includes(name)) {
        return `${name}(${(any.args ?? []).map((arg) => translate(arg, symbols, true)).join(', ')})`;
      }
      break;
    }
  }
  throw new ConvkitInputError(
    'expression',
    node.toString(),
    `must use only numbers, mapped symbols, + - * / ^, parentheses and ${SHARED_FUNCTIONS.join(', ')} to be translated to Vega`,
  );
}

/** Unicode superscript digits, for exponents in labels. */
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * mathjs text as a chart label: '1 / M + 1 / K ^ 2' → '1/M + 1/K²'. Only the
 * spelling changes (division written tight, whole-number powers as
 * superscripts); the label still comes from the symbolic result, not from a
 * typed formula.
 */
export function readableExpression(text: string): string {
  return text.replace(/\s*\^\s*(\d+)\b/g, (_, digits: string) => [...digits].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join('')).replace(/\s*\/\s*/g, '/');
}

// --- the chart ---------------------------------------------------------------------

export interface SeparableCostChartOptions {
  /** One line per kernel size. Default [3, 5, 7]; each odd (a kernel has a centre pixel). */
  readonly kernelSizes?: readonly number[];
  /** Add a dashed line for a K chosen with a slider (odd values 1, 3, …, maxKernelSize). Default true. */
  readonly slider?: boolean;
  /** Kernel size K the slider starts at; odd. Default 9 (not one of the default lines, so the dashed line shows), or maxKernelSize if smaller. */
  readonly kernelSize?: number;
  /** Largest K on the slider; odd. Default 11. */
  readonly maxKernelSize?: number;
  /** Filters M run over powers of two from 1 to this. Default 1024 (MobileNet v1's widest layer). */
  readonly maxFilters?: number;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

function requireOddKernel(field: string, value: unknown): number {
  const size = requireInteger(field, value);
  if (size % 2 === 0) throw new ConvkitInputError(field, size, 'must be odd (a K×K kernel with a centre pixel)');
  return size;
}

/**
 * The chart described at the top of this file. The lines' values are
 * computed by Vega from the symbolic ratio; tooltips give the ratio and how
 * many times fewer multiply-adds it means.
 */
export function separableCostChart(options: SeparableCostChartOptions = {}): VegaLiteSpec {
  const kernelSizesInput = options.kernelSizes ?? [3, 5, 7];
  if (!Array.isArray(kernelSizesInput) || kernelSizesInput.length === 0) {
    throw new ConvkitInputError('kernelSizes', kernelSizesInput, 'must be a non-empty list of odd kernel sizes');
  }
  const kernelSizes = kernelSizesInput.map((size, i) => requireOddKernel(`kernelSizes[${i}]`, size));
  if (new Set(kernelSizes).size !== kernelSizes.length) throw new ConvkitInputError('kernelSizes', kernelSizes, 'must not repeat a kernel size');
  const slider = options.slider ?? true;
  if (typeof slider !== 'boolean') throw new ConvkitInputError('slider', slider, 'must be true or false');
  const maxKernelSize = requireOddKernel('maxKernelSize', options.maxKernelSize ?? 11);
  const kernelSize = requireOddKernel('kernelSize', options.kernelSize ?? Math.min(9, maxKernelSize));
  if (kernelSize > maxKernelSize) throw new ConvkitInputError('kernelSize', kernelSize, `must be <= maxKernelSize (${maxKernelSize})`);
  const maxFilters = requireInteger('maxFilters', options.maxFilters ?? 1024);
  if (maxFilters < 2) throw new ConvkitInputError('maxFilters', maxFilters, 'must be at least 2');
  const exponents = Math.floor(Math.log2(maxFilters));
  const filterCounts = Array.from({ length: exponents + 1 }, (_, i) => 2 ** i);
  const widest = filterCounts[filterCounts.length - 1];

  const ratio = separableToStandardRatio();
  const floor = pointwiseToStandardRatio();
  const ratioLabel = readableExpression(ratio.text);
  const floorLabel = readableExpression(floor.text);
  const ratioOfRow = vegaExpression(ratio.text, { M: 'datum.M', K: 'datum.K' });
  const floorOfRow = vegaExpression(floor.text, { K: 'datum.K' });
  const ratioOfSlider = vegaExpression(ratio.text, { M: 'datum.M', K: 'K' });

  // The y axis must reach below the lowest floor 1/K² (largest K) and up to 1/1 + 1/1 = 2 (K = 1, M = 1).
  const largestK = Math.max(...kernelSizes, slider ? maxKernelSize : 0);
  const yScale = { type: 'log' as const, domain: [0.5 / (largestK * largestK), 2], nice: false };
  const xAxis = { field: 'M', type: 'quantitative' as const, title: 'filters M (output channels)', scale: { type: 'log' as const, base: 2 } };
  const kernelColour = {
    field: 'kernel',
    type: 'nominal' as const,
    title: 'kernel size',
    sort: kernelSizes.map((K) => `K = ${K}`),
    scale: { domain: kernelSizes.map((K) => `K = ${K}`) },
  };
  const tooltip = [
    { field: 'kernel', type: 'nominal' as const, title: 'kernel' },
    { field: 'M', type: 'quantitative' as const, title: 'filters M' },
    { field: 'ratio', type: 'quantitative' as const, title: `ratio ${ratioLabel}`, format: '.4f' },
    { field: 'fewerTimes', type: 'quantitative' as const, title: 'times fewer MACs', format: '.2f' },
  ];

  const lines = {
    data: { values: kernelSizes.flatMap((K) => filterCounts.map((M) => ({ K, M }))) },
    transform: [
      { calculate: ratioOfRow, as: 'ratio' },
      { calculate: '1 / datum.ratio', as: 'fewerTimes' },
      { calculate: "'K = ' + datum.K", as: 'kernel' },
    ],
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: xAxis,
      y: { field: 'ratio', type: 'quantitative' as const, title: 'separable / standard MACs', scale: yScale },
      color: kernelColour,
      tooltip,
    },
  };
  const floorTransform = [
    { calculate: floorOfRow, as: 'floor' },
    { calculate: "'K = ' + datum.K", as: 'kernel' },
    { calculate: `${JSON.stringify(`floor ${floorLabel} = `)} + format(datum.floor, '.4f')`, as: 'label' },
  ];
  const floors = [
    {
      data: { values: kernelSizes.map((K) => ({ K })) },
      transform: floorTransform,
      mark: { type: 'rule' as const, strokeDash: [4, 4], opacity: 0.7 },
      encoding: { y: { field: 'floor', type: 'quantitative' as const }, color: kernelColour },
    },
    {
      data: { values: kernelSizes.map((K) => ({ K })) },
      transform: floorTransform,
      mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, x: 'width' as const, fontSize: 10 },
      encoding: { y: { field: 'floor', type: 'quantitative' as const }, text: { field: 'label', type: 'nominal' as const }, color: kernelColour },
    },
  ];
  const sliderLayers = slider
    ? [
        {
          data: { values: filterCounts.map((M) => ({ M })) },
          transform: [
            { calculate: ratioOfSlider, as: 'ratio' },
            { calculate: '1 / datum.ratio', as: 'fewerTimes' },
            { calculate: "'K = ' + K + ' (slider)'", as: 'kernel' },
          ],
          mark: { type: 'line' as const, strokeDash: [6, 3], color: '#000000', point: { color: '#000000' } },
          encoding: { x: xAxis, y: { field: 'ratio', type: 'quantitative' as const }, tooltip },
        },
        {
          data: { values: [{ M: widest }] },
          transform: [
            { calculate: ratioOfSlider, as: 'ratio' },
            { calculate: "'K = ' + K + ' (slider)'", as: 'label' },
          ],
          mark: { type: 'text' as const, align: 'right' as const, baseline: 'top' as const, dy: 6, color: '#000000', fontSize: 10 },
          encoding: { x: xAxis, y: { field: 'ratio', type: 'quantitative' as const }, text: { field: 'label', type: 'nominal' as const } },
        },
      ]
    : [];

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `Depthwise separable / standard convolution: ${ratioLabel}`,
    ...(options.width !== undefined ? { width: requireInteger('width', options.width) } : {}),
    ...(options.height !== undefined ? { height: requireInteger('height', options.height) } : {}),
    config: convkitTheme,
    ...(slider
      ? {
          params: [
            { name: 'K', value: kernelSize, bind: { input: 'range' as const, min: 1, max: maxKernelSize, step: 2, name: 'kernel size K (dashed line) ' } },
          ],
        }
      : {}),
    layer: [lines, ...floors, ...sliderLayers],
  };
}
