/**
 * Lesson 08, ResNet vs DenseNet: the logic behind the notebook.
 *
 *   connections.ts       who feeds whom (add vs concatenate), from the spec graph
 *   depth-sweep.ts       parameters and MACs against depth for both CIFAR families
 *   published-errors.ts  published CIFAR errors with sources, next to computed counts
 *   training.ts          same data, same budget: seeded epochs with a progress line
 *   gradient-flow.ts     gradient norm per conv layer at initialisation
 *   feature-reuse.ts     the DenseNet paper's Figure 5 on a trained network
 *   claims.ts            each claimed benefit tied to the measurement that shows it
 */
export * from './connections';
export * from './depth-sweep';
export * from './published-errors';
export * from './training';
export * from './gradient-flow';
export * from './feature-reuse';
export * from './claims';
export * from './block-summary';
