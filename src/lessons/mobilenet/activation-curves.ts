/**
 * The three activations of the MobileNets, with their derivatives, written
 * out as the formulas (Howard et al. 2019, "Searching for MobileNetV3",
 * arXiv:1905.02244, §5.2):
 *
 *   ReLU6(x)   = min(max(x, 0), 6)                      (v1, v2)
 *   swish(x)   = x · σ(x),  σ(x) = 1 / (1 + e^(−x))       (Ramachandran et al. 2017)
 *   h-swish(x) = x · ReLU6(x + 3) / 6                     (v3)
 *
 * h-swish replaces the sigmoid by a piecewise-linear "hard" sigmoid
 * ReLU6(x + 3)/6, which is cheap on phones and quantises without loss; the
 * paper reports no visible accuracy cost against swish. Derivatives:
 *
 *   ReLU6'(x)   = 1 on (0, 6), else 0
 *   swish'(x)   = σ(x) + x · σ(x) · (1 − σ(x))
 *   h-swish'(x) = 0 for x ≤ −3, (2x + 3)/6 on (−3, 3), 1 for x ≥ 3
 *
 * The values and slopes are the reference layers' scalar activations
 * (src/layers/reference/activation.ts), which also say what is returned at
 * the kinks (x = 0 and 6 for ReLU6, ±3 for h-swish).
 */
import { ConvkitInputError } from '../../core/errors';
import { activationDerivative, activationValue } from '../../layers/reference/activation';

export const LESSON_ACTIVATIONS = ['relu6', 'swish', 'hardSwish'] as const;
export type LessonActivation = (typeof LESSON_ACTIVATIONS)[number];

/** Paper names for charts and tables. */
export const ACTIVATION_LABELS: Readonly<Record<LessonActivation, string>> = {
  relu6: 'ReLU6',
  swish: 'swish',
  hardSwish: 'h-swish',
};

/** A type alias (not an interface) so rows pass straight to the chart builders' Record rows. */
export type ActivationPoint = {
  readonly x: number;
  /** Paper name, e.g. 'h-swish'. */
  readonly activation: string;
  readonly value: number;
  readonly derivative: number;
};

/**
 * Long-format rows (one per activation per x) for a line chart: x runs from
 * `from` to `to` in `steps` equal steps. Default −6…6 in 240 steps.
 */
export function activationCurves(from = -6, to = 6, steps = 240): ActivationPoint[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(to > from)) {
    throw new ConvkitInputError('to', to, `must be a finite number greater than from (${from})`);
  }
  if (!Number.isInteger(steps) || steps < 1 || steps > 100_000) throw new ConvkitInputError('steps', steps, 'must be an integer 1..100000');
  const rows: ActivationPoint[] = [];
  for (const name of LESSON_ACTIVATIONS) {
    for (let i = 0; i <= steps; i++) {
      const x = from + ((to - from) * i) / steps;
      rows.push({ x, activation: ACTIVATION_LABELS[name], value: activationValue(name, x), derivative: activationDerivative(name, x) });
    }
  }
  return rows;
}
