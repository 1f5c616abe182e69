/**
 * The cost formulas, each written once as a mathjs expression.
 *
 * From one definition come three things:
 *   - numbers: the expression is parsed and compiled once, then evaluated with
 *     a scope of sizes (layerCost does this for every layer);
 *   - LaTeX for the notebooks (`formula.tex`, with H_{out}, K_h, … names);
 *   - symbolic results: src/cost/symbolic.ts divides one formula by another
 *     and lets mathjs simplify, e.g. separable / standard = 1/M + 1/K².
 *
 * The kit's symbols (SYMBOLS below): an input H×W×C, a K×K kernel (K_h×K_w),
 * an output H_out×W_out×M, g groups, d the depth multiplier, b a 0/1 bias
 * flag. The papers the lessons quote use other letters; in particular the
 * MobileNet paper's M is the INPUT depth and its N the output depth. Wherever
 * a lesson quotes a paper's equation it maps the letters with this table:
 *
 *   kit          meaning                   MobileNet (Howard et al. 2017, §3.1)   ResNet (He et al. 2016) / DenseNet (Huang et al. 2017)
 *   H, W         input height, width       D_F (square maps: D_F × D_F)            "output size" / feature-map size (ResNet Table 1, DenseNet Table 1)
 *   H_out, W_out output height, width      D_G (= D_F at stride 1 with padding)    the next row's output size
 *   C            input channels            M  ("input depth")                      DenseNet: k_0 + k·(ℓ−1) into layer ℓ of a block; ResNet: the input width, e.g. "256-d"
 *   M            output channels, filters  N  ("output depth")                     DenseNet: k (growth rate), 4k (bottleneck 1×1), ⌊θ·m⌋ (transition); ResNet: "number of filters"
 *   K (K_h, K_w) kernel size               D_K                                    written out: 1×1, 3×3, 7×7
 *   d            depth multiplier          none (one filter per channel: d = 1)    none
 *   g            channel groups            none                                   none
 *
 * So the paper's standard cost D_K·D_K·M·N·D_F·D_F (eq. 2) is the kit's
 * K·K·C·M·H·W, its depthwise cost D_K·D_K·M·D_F·D_F (eq. 4) is K·K·C·H·W, and
 * its unnumbered ratio 1/N + 1/D_K² (after eq. 5) is the kit's 1/M + 1/K².
 */
import { create, all, type EvalFunction, type MathNode } from 'mathjs';
import { ConvkitInputError } from '../core/errors';
import type { LayerKind } from '../core/spec';

/** A private mathjs instance, so nobody else's configuration changes our numbers. */
export const math = create(all, {});

/** Every symbol a formula may use: its LaTeX and what it stands for. */
export const SYMBOLS = {
  H: { tex: 'H', meaning: 'input height (pixels)' },
  W: { tex: 'W', meaning: 'input width (pixels)' },
  C: { tex: 'C', meaning: 'input channels' },
  Hout: { tex: 'H_{out}', meaning: 'output height (pixels)' },
  Wout: { tex: 'W_{out}', meaning: 'output width (pixels)' },
  K: { tex: 'K', meaning: 'kernel size, square kernels' },
  Kh: { tex: 'K_h', meaning: 'kernel height' },
  Kw: { tex: 'K_w', meaning: 'kernel width' },
  M: { tex: 'M', meaning: 'output channels (filters)' },
  g: { tex: 'g', meaning: 'channel groups' },
  d: { tex: 'd', meaning: 'depth multiplier' },
  b: { tex: 'b', meaning: 'bias flag: 1 with bias, 0 without' },
  U: { tex: 'U', meaning: 'dense units' },
  S: { tex: 'S', meaning: 'squeeze-and-excite bottleneck channels' },
} as const;

export type SymbolName = keyof typeof SYMBOLS;

/** The sizes a formula is evaluated at. */
export type FormulaScope = Partial<Record<SymbolName, number>>;

/** One cost formula: its mathjs source, its parsed tree, its LaTeX, and a fast evaluator. */
export interface Formula {
  readonly name: string;
  /** What the formula counts, and where it comes from. */
  readonly description: string;
  /** The mathjs source, e.g. `Hout * Wout * Kh * Kw * (C / g) * M`. */
  readonly expression: string;
  readonly node: MathNode;
  readonly tex: string;
  /** The symbols it reads, in order of first appearance. */
  readonly symbols: readonly SymbolName[];
  /** Evaluates the compiled expression; every symbol of `symbols` must be in the scope. */
  evaluate(scope: FormulaScope): number;
}

/** mathjs's toTex handler: our symbol names (mathjs would print C, g, b as units). */
function texHandler(node: MathNode): string | undefined {
  if (node.type === 'SymbolNode') {
    const name = (node as unknown as { name: string }).name;
    if (name in SYMBOLS) return `{${SYMBOLS[name as SymbolName].tex}}`;
  }
  return undefined;
}

/** LaTeX for any expression over our symbols. */
export function toTex(node: MathNode): string {
  return node.toTex({ handler: texHandler, parenthesis: 'auto', implicit: 'hide' });
}

/** The distinct symbol names a tree reads, in order of first appearance. */
export function symbolsOf(node: MathNode): SymbolName[] {
  const seen: SymbolName[] = [];
  node.traverse((child) => {
    if (child.type === 'SymbolNode') {
      const name = (child as unknown as { name: string }).name;
      if (!(name in SYMBOLS)) throw new Error(`formula uses unknown symbol ${name}`);
      if (!seen.includes(name as SymbolName)) seen.push(name as SymbolName);
    }
  });
  return seen;
}

/**
 * A size a formula may be evaluated at: a finite number >= 0 (a count of
 * pixels, channels or weights), b only 0 or 1, and g, which divides, > 0.
 * So an evaluated formula is always a finite number >= 0, never NaN,
 * Infinity or negative.
 */
function requireSize(field: string, symbol: SymbolName, value: unknown): number {
  if (value === undefined) throw new ConvkitInputError(field, value, 'must be given to evaluate the formula');
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConvkitInputError(field, value, 'must be a finite number >= 0');
  }
  if (symbol === 'b' && value !== 0 && value !== 1) throw new ConvkitInputError(field, value, 'must be 0 (no bias) or 1 (bias)');
  if (symbol === 'g' && value === 0) throw new ConvkitInputError(field, value, 'must be greater than 0: the channels are divided by it');
  return value;
}

/** Builds a Formula from a parsed tree: compiled once here, evaluated many times. */
export function formulaFromNode(name: string, description: string, node: MathNode): Formula {
  const compiled: EvalFunction = node.compile();
  const symbols = symbolsOf(node);
  return {
    name,
    description,
    expression: node.toString(),
    node,
    tex: toTex(node),
    symbols,
    evaluate(scope: FormulaScope): number {
      if (typeof scope !== 'object' || scope === null) {
        throw new ConvkitInputError(`${name}.scope`, scope, `must be an object giving ${symbols.join(', ')}`);
      }
      const values: Record<string, number> = {};
      for (const symbol of symbols) values[symbol] = requireSize(`${name}.${symbol}`, symbol, scope[symbol]);
      const result = compiled.evaluate(values) as number;
      // Finite sizes can still multiply past the largest double (1e308 · 2 = Infinity).
      if (!Number.isFinite(result)) {
        throw new ConvkitInputError(name, values, `gives ${result}: the sizes are too large for a double`);
      }
      return result;
    },
  };
}

function define(name: string, description: string, expression: string): Formula {
  return formulaFromNode(name, description, math.parse(expression));
}

/**
 * Replaces symbols by expressions, e.g. { H: 'Hout', C: 'C * d' }: used to
 * specialise formulas (stride 1, K×K) and to rebuild a written sum from its
 * parts.
 */
export function substitute(node: MathNode, replacements: Readonly<Record<string, string | MathNode>>): MathNode {
  const parsed = new Map<string, MathNode>();
  for (const [symbol, value] of Object.entries(replacements)) {
    parsed.set(symbol, typeof value === 'string' ? math.parse(value) : value);
  }
  return node.transform((child) => {
    if (child.type === 'SymbolNode') {
      const replacement = parsed.get((child as unknown as { name: string }).name);
      if (replacement) return replacement.cloneDeep();
    }
    return child;
  });
}

// --- Standard convolution (MobileNet paper, eq. (2): D_K·D_K·M·N·D_F·D_F) ---

/** Each output pixel of each filter sums Kh·Kw·(C/g) products. */
export const conv2dMacs = define(
  'conv2dMacs',
  'standard (grouped) convolution: every output value sums Kh·Kw·C/g products',
  'Hout * Wout * Kh * Kw * (C / g) * M',
);

export const conv2dParams = define(
  'conv2dParams',
  'standard (grouped) convolution: M filters of Kh·Kw·C/g weights, plus M biases when b = 1',
  'Kh * Kw * (C / g) * M + b * M',
);

// --- Depthwise convolution (MobileNet paper, eq. (4): D_K·D_K·M·D_F·D_F) ---

export const depthwiseMacs = define(
  'depthwiseMacs',
  'depthwise convolution: each of the C·d output channels sees one input channel through a Kh×Kw filter',
  'Hout * Wout * Kh * Kw * C * d',
);

export const depthwiseParams = define(
  'depthwiseParams',
  'depthwise convolution: C·d filters of Kh·Kw weights, plus C·d biases when b = 1',
  'Kh * Kw * C * d + b * C * d',
);

// --- Pointwise (1×1) convolution (MobileNet paper, §3.1: M·N·D_F·D_F) ---

export const pointwiseMacs = define('pointwiseMacs', 'pointwise (1×1) convolution: every pixel mixes C channels into M', 'H * W * C * M');

export const pointwiseParams = define('pointwiseParams', 'pointwise (1×1) convolution: a C×M matrix, plus M biases when b = 1', 'C * M + b * M');

// --- Depthwise separable: depthwise, then pointwise on its C·d channels (MobileNet eq. (5)) ---

/**
 * The depthwise term, then the pointwise term: pointwiseMacs on the
 * Hout×Wout×C·d map the depthwise step leaves. test/cost/formulas.test.ts
 * checks that the written sum equals depthwiseMacs + pointwiseMacs (H → Hout,
 * W → Wout, C → C·d), symbolically and at random sizes.
 */
export const separableMacs = define(
  'separableMacs',
  'depthwise separable convolution: depthwise K×K, then pointwise on the Hout×Wout×C·d result',
  'Hout * Wout * Kh * Kw * C * d + Hout * Wout * C * d * M',
);

/** Depthwise weights without bias (the bias, if any, is the pointwise one), then the pointwise C·d×M matrix and its M biases. */
export const separableParams = define(
  'separableParams',
  'depthwise separable convolution: depthwise weights (no bias) plus pointwise weights and M biases when b = 1',
  'Kh * Kw * C * d + C * d * M + b * M',
);

// --- Dense (fully connected) on the channel axis, at every pixel (Keras Dense) ---

export const denseMacs = define('denseMacs', 'dense layer on the last axis: a C×U matrix product at each of the H·W positions', 'H * W * C * U');

export const denseParams = define('denseParams', 'dense layer: a C×U matrix, plus U biases when b = 1', 'C * U + b * U');

// --- Batch normalisation (Ioffe & Szegedy 2015): γ, β learnt; mean, variance tracked ---

export const batchNormTrainableParams = define('batchNormTrainableParams', 'batch normalisation: scale γ and shift β per channel (trainable)', '2 * C');

export const batchNormNonTrainableParams = define(
  'batchNormNonTrainableParams',
  'batch normalisation: moving mean and moving variance per channel (non-trainable)',
  '2 * C',
);

// --- Squeeze-and-excite (Hu et al. 2018, §3): two 1×1 convs on the pooled 1×1×C vector ---

/**
 * The squeeze C→S, then the excitation S→C: pointwiseMacs twice on the
 * pooled 1×1 map (H = W = 1). The parameters are the same two 1×1 convs,
 * each with its bias: C·S + S, then S·C + C. test/cost/formulas.test.ts
 * checks both against pointwiseMacs and pointwiseParams.
 */
export const squeezeExciteMacs = define('squeezeExciteMacs', 'squeeze-and-excite: 1×1 conv C→S then S→C on the pooled 1×1×C vector', 'C * S + S * C');

export const squeezeExciteParams = define('squeezeExciteParams', 'squeeze-and-excite: both 1×1 convs with their biases', 'C * S + S + S * C + C');

/** Every formula by name, e.g. for a notebook table of LaTeX. */
export const FORMULAS: Readonly<Record<string, Formula>> = {
  conv2dMacs,
  conv2dParams,
  depthwiseMacs,
  depthwiseParams,
  pointwiseMacs,
  pointwiseParams,
  separableMacs,
  separableParams,
  denseMacs,
  denseParams,
  batchNormTrainableParams,
  batchNormNonTrainableParams,
  squeezeExciteMacs,
  squeezeExciteParams,
};

/** The formulas behind one layer kind's MACs and parameters. */
export interface LayerFormulas {
  readonly macs?: Formula;
  /** Trainable parameters (all of them, except for batch norm). */
  readonly params: Formula;
  readonly nonTrainableParams?: Formula;
}

/** Which formulas give a layer kind's MACs and parameters (kinds without either have none). */
export const LAYER_FORMULAS: Readonly<Partial<Record<LayerKind, LayerFormulas>>> = {
  conv2d: { macs: conv2dMacs, params: conv2dParams },
  depthwiseConv2d: { macs: depthwiseMacs, params: depthwiseParams },
  pointwiseConv2d: { macs: pointwiseMacs, params: pointwiseParams },
  separableConv2d: { macs: separableMacs, params: separableParams },
  dense: { macs: denseMacs, params: denseParams },
  batchNorm: { params: batchNormTrainableParams, nonTrainableParams: batchNormNonTrainableParams },
  squeezeExcite: { macs: squeezeExciteMacs, params: squeezeExciteParams },
};
