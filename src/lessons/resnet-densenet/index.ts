/**
 * Lesson 08, ResNet vs DenseNet: the logic behind the notebook.
 *
 *   connection-chart.ts  who feeds whom (add vs concatenate), drawn from the
 *                        connection matrix of src/models/connections.ts
 *   depth-sweep.ts       parameters and MACs against depth for both CIFAR families
 *   published-errors.ts  published CIFAR errors with sources, next to computed counts
 *   training.ts          same data, same budget: seeded epochs with a progress line
 *   gradient-flow.ts     gradient norm per conv layer at initialisation
 *   feature-reuse.ts     the DenseNet paper's Figure 5 on a trained network
 *   reuse-baseline.ts    the same measurement on untrained copies: what chance alone gives
 *   fashion-degradation.ts  plain vs ResNet on Fashion-MNIST (the degradation experiment's record)
 *   fashion-accuracy.ts  ResNet vs DenseNet-BC test error against parameters and MACs (its record)
 *   fashion-reuse.ts     the trained Fashion-MNIST DenseNet-BC's Figure-5 cells against untrained copies
 *   claims.ts            each claimed benefit, its status derived from the measurements
 *   block-code.ts        seeded weights and the kit's run for the notebook's basic block
 *   resnet-blocks.ts     basic vs bottleneck vs inverted residual; shortcut options A/B/C
 */
export * from '../../models/connections';
export * from './depth-sweep';
export * from './published-errors';
export * from './training';
export * from './gradient-flow';
export * from '../../experiments/feature-reuse';
export * from './reuse-baseline';
export * from './connection-chart';
export * from './fashion-degradation';
export * from './fashion-accuracy';
export * from './fashion-reuse';
export * from './claims';
export * from './block-summary';
export * from './accuracy-difference';
export * from './block-code';
export * from './resnet-blocks';
