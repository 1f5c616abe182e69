/**
 * convkit's public entry for notebooks:
 *
 *   import { buildModelSpec, summarize, show } from "../lib";
 *
 * Notebooks import the compiled kit (lib/, built from src/ by
 * `npm run build`, which npm ci / npm test / npm start run for you) because
 * tslab compiles each cell with the notebook folder as its rootDir and
 * cannot reach ../src/*.ts. Everything a notebook needs is re-exported here,
 * one line per module in the data flow models → cost | layers → plot.
 */
export { ConvkitInputError, requireInteger, requirePositive } from './errors';
export * from './models';
export * from './cost';
export * from './plot';
export * from './backend';
export * from './layers/tf';
// The plain-loop reference layers share names with the TF.js ones
// (hardSwish, squeezeExcite, …), so they come as one namespace:
// `reference.conv2d(…)` next to the TF.js builders.
export * as reference from './layers/reference';
// Both src/models (a model builder's one-axis helper) and src/cost (the cost
// model's [Ho, Wo] rule) export a `windowOutputSize`; notebooks get the cost
// model's, the one the lessons teach.
export { windowOutputSize } from './cost';
