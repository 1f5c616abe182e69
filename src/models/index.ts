/** The architecture specs: types, block builders, the five model families and the zoo. */
export * from '../core/spec';
export * from './channels';
export * from './blocks';
export * from './head';
export * from './model-options';
export * from './mobilenet-v1';
export * from './mobilenet-v2';
export * from './mobilenet-v3';
export * from './densenet';
export * from './resnet';
export * from './efficientnet';
export * from './zoo';
export * from './small';
export * from './one-block';
