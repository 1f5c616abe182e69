/**
 * Lesson 09, the review: every block of the course side by side on one
 * input (what it does and what it costs next to a standard 3×3
 * convolution), an exam-style test over lessons 01–08 and the whole
 * English–Japanese glossary. notebooks/09-review.ipynb and its solutions
 * notebook import this module next to the kit's public API ("../lib").
 */
export { blockSummary, SUMMARY_INPUT } from './resnet-densenet';
export { solutions } from '../exercises/solutions/09';
