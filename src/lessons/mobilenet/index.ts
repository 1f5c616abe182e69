/**
 * Lesson logic of lessons 04 (depthwise separable convolution, MobileNet v1)
 * and 05 (MobileNet v2 and v3); each notebook reaches them through its entry
 * module (src/lessons/04-depthwise-separable-mobilenet-v1.ts,
 * src/lessons/05-mobilenet-v2-v3.ts).
 */
export { kernelWeights, totalKernelWeights } from '../../published/kernel-weights';
export * from './layer-type-share';
export * from './width-resolution-grid';
export * from './latency';
export { tinyMobileNet, tinyStandardCnn, type TinyNetOptions } from '../../models/small';
export { recalibrateBatchNorm } from '../../layers/tf/train';
export * from '../digits-training';
export * from './latency-reading';
export * from './block-compare';
export * from './activation-curves';
export * from './imagenet-top1';
export * from './relu-information';
export * from './sliced-memory';
export * from './roofline';
export * from './block-code';
export * from './efficientnet-tables';
export * from './separable-tradeoff';
export * from './linear-bottleneck';
