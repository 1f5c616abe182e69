/**
 * A reference solution: the answer with its working written out by hand,
 * independently of the check's own `answer` field (which comes from the cost
 * model), so a test that feeds the solution to the check compares two
 * derivations, not one value with itself. The solutions notebooks print these.
 */
export interface Solution {
  readonly id: string;
  readonly answer: number | string;
  /** The working, as a learner would write it. */
  readonly working: string;
}
