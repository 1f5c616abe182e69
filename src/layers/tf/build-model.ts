/**
 * `buildTfModel(spec)`: the TF.js view of a ModelSpec
 * (docs/design.md#one-spec-three-views). One generic interpreter for every architecture:
 *
 *   spec.nodes ──► check the graph (names unique, inputs earlier)
 *              ──► per node: normalizeLayer (defaults, validation)
 *                            layerOutputShape (the cost model's shape rule)
 *                            tfOutputFor (the tf layers; ./layer-for-spec.ts)
 *                            tf's shape == the cost model's shape, or throw
 *              ──► tf.model(input, last node)
 *
 * The shape check at every node is what ties this view to the cost model: a
 * model that builds has, layer by layer, the shapes the cost tables show.
 */
import * as tf from '@tensorflow/tfjs';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { ConvkitInputError } from '../../core/errors';
import { layerOutputShape, validateShape } from '../../core/output-shape';
import { normalizeLayer } from '../../core/defaults';
import { INPUT, type ModelSpec, type Shape3 } from '../../core/spec';
import { requireKernelInitializerName, requireSeed, type KernelInitializerName } from './kernel-initializer';
import { tfOutputFor } from './layer-for-spec';

export interface BuildTfModelOptions {
  /** Seed of every kernel initialiser (each layer derives its own from it). Default 0. */
  readonly seed?: number;
  /**
   * Family of conv kernel initialisers. Default 'heNormal' (He et al. 2015),
   * as the ResNet/DenseNet papers; 'glorotUniform' is faster to draw.
   * Dense layers always use Glorot uniform (the Keras default).
   */
  readonly kernelInitializer?: KernelInitializerName;
}

/**
 * Builds a tf.LayersModel computing `spec`, with tf layer names equal to the
 * node names. Input [batch, ...spec.input], output [batch, ...last node's shape].
 * Bad specs throw ConvkitInputError naming the node and field.
 * The caller owns the model: `model.dispose()` frees its weights.
 */
export function buildTfModel(spec: ModelSpec, options: BuildTfModelOptions = {}): tf.LayersModel {
  const modelSeed = requireSeed('seed', options.seed ?? 0);
  const kernelInitializer = requireKernelInitializerName('kernelInitializer', options.kernelInitializer ?? 'heNormal');
  const inputShape = validateShape('input', spec.input);
  if (!Array.isArray(spec.nodes as unknown) || spec.nodes.length === 0) {
    throw new ConvkitInputError('nodes', spec.nodes, 'must be a non-empty list of layer nodes');
  }
  const input = tf.input({ shape: [...inputShape], name: INPUT });
  const outputs = new Map<string, { tensor: SymbolicTensor; shape: Shape3 }>([[INPUT, { tensor: input, shape: inputShape }]]);
  let lastOutput: SymbolicTensor = input;
  // Layers created so far; if a later node fails, their weights are freed.
  const built: tf.layers.Layer[] = [];
  try {
    spec.nodes.forEach((node, layerIndex) => {
      const where = `nodes[${layerIndex}]`;
      if (typeof node.name !== 'string' || node.name.length === 0 || outputs.has(node.name)) {
        throw new ConvkitInputError(`${where}.name`, node.name, `must be a non-empty name, unique in the model and not "${INPUT}"`);
      }
      const feeds = node.inputs.map((from) => {
        const found = outputs.get(from);
        if (found === undefined) {
          throw new ConvkitInputError(`${node.name}.inputs`, [...node.inputs], `"${from}" must be ${INPUT} or an earlier node`);
        }
        return found;
      });
      const { tensor, shape } = withNodeName(node.name, () => {
        const layer = normalizeLayer(node.layer);
        const shape = layerOutputShape(
          layer,
          feeds.map((f) => f.shape),
        );
        const tensor = tfOutputFor(layer, {
          name: node.name,
          inputs: feeds.map((f) => f.tensor),
          modelSeed,
          layerIndex,
          kernelInitializer,
        });
        built.push(tensor.sourceLayer as tf.layers.Layer);
        return { tensor, shape };
      });
      const tfShape = tensor.shape.slice(1);
      if (tfShape.length !== 3 || tfShape.some((size, axis) => size !== shape[axis])) {
        throw new Error(`${node.name}: TF.js built shape [${tfShape.join(', ')}] but the cost model says [${shape.join(', ')}]`);
      }
      outputs.set(node.name, { tensor, shape });
      lastOutput = tensor;
    });
    return tf.model({ inputs: input, outputs: lastOutput, name: spec.name.replace(/[^A-Za-z0-9_.-]+/g, '_') });
  } catch (error) {
    built.forEach((layer) => layer.dispose());
    throw error;
  }
}

/** Re-throws a ConvkitInputError with the node's name in front of the field. */
function withNodeName<T>(nodeName: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConvkitInputError && !error.field.startsWith(`${nodeName}.`)) {
      throw new ConvkitInputError(`${nodeName}.${error.field}`, error.value, error.rule);
    }
    throw error;
  }
}
