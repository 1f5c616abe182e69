/**
 * Kernel weights of a layer as the MobileNet papers count parameters: conv and
 * dense kernels only — no biases, no batch-norm γ/β, no moving statistics.
 * Howard et al. 2017 (arXiv:1704.04861) report 4.2 million parameters for
 * 1.0 MobileNet-224 (Table 4) and split them by layer type in Table 2; both
 * come out exactly this way (4,209,088 weights), whereas Keras' "Total
 * params" (4,253,864) adds the BN tensors and the classifier bias.
 *
 * The counting rule lives in src/data/reference-tables.ts, where the test of
 * every published figure (test/models/published.test.ts) uses the same one;
 * this file keeps the lesson's import path.
 */
export { kernelWeights, totalKernelWeights } from '../../data/reference-tables';
