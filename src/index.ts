/**
 * convkit's public entry for notebooks:
 *
 *   import { buildModelSpec, summarize, show, useBackend, check } from "../lib";
 *
 * Notebooks import the compiled kit (lib/, built from src/ by
 * `npm run build`, which npm ci / npm test / npm start run for you) because
 * tslab compiles each cell with the notebook folder as its rootDir and
 * cannot reach ../src/*.ts. This module is the kit every lesson shares, in
 * the order the data flows: models → cost | layers → plot → notebooks. What
 * only one lesson uses comes from that lesson's entry module, so a notebook
 * imports two paths at most:
 *
 *   import { summarize, show } from "../lib";
 *   import { kernelFilterGrid } from "../lib/lessons/01-standard-convolution";
 */
export { ConvkitInputError, requireInteger, requirePositive } from './core/errors';

// Architectures as data (specs) and the zoo.
export * from './models';

// The analytic cost model: shapes, MACs, parameters, memory, formulas.
export * from './cost';

// TF.js: the backend, then layers and models built from the same specs.
export * from './backend';
export * from './layers/tf';
// The plain-loop reference layers share names with the TF.js ones
// (hardSwish, squeezeExcite, …), so they come as one namespace:
// `reference.conv2d(…)` next to the TF.js builders.
export * as reference from './layers/reference';

// Data sets and images shipped in data/.
export * from './data';

// Display: charts, tables, formulas, images (and encodePng, a tensor as PNG bytes).
export * from './plot';

// Answer checks for the notebooks' exercises, and the glossary (English / 日本語).
export * from './exercises';
export * from './data/glossary';
