import type { Exercise } from '../registry';

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [];
