/**
 * The typical mistakes in cost arithmetic, each as a function from the right
 * quantities to the wrong answer it produces. Exercises pick the ones that
 * apply; tests prove each check recognises them.
 */
import type { Mistake } from './exercise';

/** Counted FLOPs (2 per multiply-add) where MACs were asked. */
export function flopsInsteadOfMacs(macs: number): Mistake {
  return {
    name: 'FLOPs instead of MACs',
    hint: 'that is twice the answer: you counted the multiply and the add as two operations (what some tools call FLOPs). The question asks for multiply-accumulates (MACs), one per multiply-add.',
    wrongAnswer: 2 * macs,
  };
}

/** Left out the K·K window, as if the kernel were 1×1. */
export function forgotKernelArea(macs: number, kernelArea: number): Mistake {
  return {
    name: 'forgot K²',
    hint: 'each output value reads a whole K×K window, not one pixel — the K·K factor is missing.',
    wrongAnswer: macs / kernelArea,
  };
}

/** Used the input's height and width where the output's were needed (stride > 1 or valid padding). */
export function usedInputSize(macs: number, outputPixels: number, inputPixels: number): Mistake {
  return {
    name: 'used input size',
    hint: 'the work is done once per OUTPUT pixel; with this stride/padding the output map is smaller than the input.',
    wrongAnswer: (macs / outputPixels) * inputPixels,
  };
}

/** Counted weights only, leaving out one bias per filter. */
export function forgotBias(params: number, biases: number): Mistake {
  return {
    name: 'forgot the bias',
    hint: 'each filter also has one bias value — add one parameter per output channel.',
    wrongAnswer: params - biases,
  };
}

/** Multiplied by M for a depthwise layer, as if every filter saw every channel. */
export function treatedDepthwiseAsStandard(depthwiseMacs: number, filters: number): Mistake {
  return {
    name: 'depthwise counted as standard',
    hint: 'a depthwise filter sees ONE input channel; there is no sum over channels and no factor M.',
    wrongAnswer: depthwiseMacs * filters,
  };
}
