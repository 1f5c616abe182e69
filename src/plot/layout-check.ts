import { itemTextWidth } from './chart-font';
import { compileVegaLite, headlessView, requireInlineData, VegaLiteSpec } from './vega-render';

/**
 * Finds the ways a chart's text goes wrong while the chart still "renders":
 * a label, title or legend entry cut short with "…" because it exceeds its
 * limit; axis tick labels drawn into each other ("300400"); an axis whose
 * first or last tick label was hidden by overlap removal (the end of a range,
 * such as M = 1,024, is the value a reader looks for); and an axis showing the
 * same label at two ticks (ticks at 1, 1.5, 2 formatted as whole numbers read
 * "1 2 2"); an axis title drawn over its own tick labels; values printed by a
 * text mark (a heatmap's cells) drawn into each other.
 * The chart is laid out as show() lays it out (vega in Node, chart font
 * metrics, see chart-font.ts), and the scenegraph is read directly, so the
 * check sees what vega decided rather than guessing from the spec.
 */

export interface LayoutProblem {
  readonly kind: 'truncated' | 'overlap' | 'hidden-end-label' | 'repeated-label' | 'title-over-labels';
  /** The scenegraph role of the text, e.g. 'axis-label', 'legend-label', 'axis-title', 'title-text'. */
  readonly role: string;
  readonly message: string;
}

/** Smallest gap, in pixels, between neighbouring tick labels; the theme's labelSeparation keeps at least this. */
export const MIN_LABEL_GAP = 2;

interface SceneBounds {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

interface SceneItem {
  readonly text?: unknown;
  readonly limit?: number;
  readonly opacity?: number;
  readonly fontSize?: number;
  readonly fontWeight?: number | string;
  readonly lineBreak?: string;
  readonly bounds?: SceneBounds;
  readonly items?: SceneMark[];
}

interface SceneMark {
  readonly marktype: string;
  readonly role: string;
  readonly items: SceneItem[];
}

/** Lays the chart out headless and calls `visit` on every mark of its scenegraph, parents first. */
async function visitScene(spec: VegaLiteSpec, visit: (mark: SceneMark) => void): Promise<void> {
  const view = headlessView(requireInlineData(compileVegaLite(spec)));
  try {
    await view.runAsync();
    const walk = (mark: SceneMark): void => {
      visit(mark);
      for (const item of mark.items) for (const child of item.items ?? []) walk(child);
    };
    walk((view.scenegraph() as unknown as { root: SceneMark }).root);
  } finally {
    view.finalize();
  }
}

/** Every problem of the kinds above in the chart; empty when all its text is whole, apart and shown. */
export async function chartLayoutProblems(spec: VegaLiteSpec): Promise<LayoutProblem[]> {
  const problems: LayoutProblem[] = [];
  await visitScene(spec, (mark) => problems.push(...markProblems(mark)));
  return problems;
}

function markProblems(mark: SceneMark): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  if (mark.marktype === 'text') {
    for (const item of mark.items) {
      const truncated = truncatedLine(item);
      if (truncated !== undefined) {
        problems.push({
          kind: 'truncated',
          role: mark.role,
          message: `${mark.role} "${truncated}" is ${Math.ceil(itemTextWidth(item, truncated))} px wide, over its limit of ${item.limit} px, so it is cut short with "…"`,
        });
      }
    }
  }
  if (mark.role === 'axis-label') problems.push(...overlappingLabels(mark), ...hiddenEndLabels(mark), ...repeatedLabels(mark));
  // Values a chart prints as a text mark (a heatmap's cell values) must not run into each other either.
  if (mark.marktype === 'text' && mark.role === 'mark') problems.push(...overlappingLabels(mark));
  if (mark.role === 'axis') for (const axis of mark.items) problems.push(...titleOverLabels(axis.items ?? []));
  return problems;
}

/** The first line of the item that vega would shorten (vega keeps a line only when its width is below the limit). */
function truncatedLine(item: SceneItem): string | undefined {
  if (!(item.limit !== undefined && item.limit > 0) || item.opacity === 0) return undefined;
  for (const line of textLines(item)) {
    if (line.length > 0 && !(itemTextWidth(item, line) < item.limit)) return line;
  }
  return undefined;
}

function textLines(item: SceneItem): string[] {
  const text = item.text;
  if (Array.isArray(text)) return text.map((line) => String(line).trim());
  if (text == null) return [];
  const whole = String(text);
  return (item.lineBreak ? whole.split(item.lineBreak) : [whole]).map((line) => line.trim());
}

function visibleText(item: SceneItem): boolean {
  return item.opacity !== 0 && item.bounds !== undefined && String(item.text ?? '').trim() !== '';
}

function gapBetween(a: SceneBounds, b: SceneBounds): number {
  return Math.max(b.x1 - a.x2, a.x1 - b.x2, b.y1 - a.y2, a.y1 - b.y2);
}

/**
 * An axis title that overlaps a tick label of the same axis: vega places the
 * title beyond the labels, but never farther out than the axis' maxExtent, so
 * labels longer than that run under the title.
 */
function titleOverLabels(parts: readonly SceneMark[]): LayoutProblem[] {
  const labels = parts.filter((part) => part.role === 'axis-label').flatMap((part) => part.items.filter(visibleText));
  const titles = parts.filter((part) => part.role === 'axis-title').flatMap((part) => part.items.filter(visibleText));
  const problems: LayoutProblem[] = [];
  for (const title of titles) {
    const under = labels.find((label) => gapBetween(title.bounds!, label.bounds!) < 0);
    if (under !== undefined) {
      problems.push({ kind: 'title-over-labels', role: 'axis-title', message: `axis title "${title.text}" is drawn over the tick label "${under.text}"` });
    }
  }
  return problems;
}

/** Visible tick labels of one axis whose boxes come closer than MIN_LABEL_GAP. */
function overlappingLabels(mark: SceneMark): LayoutProblem[] {
  const labels = mark.items.filter(visibleText);
  const problems: LayoutProblem[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const gap = gapBetween(labels[i]!.bounds!, labels[j]!.bounds!);
      if (gap < MIN_LABEL_GAP) {
        problems.push({
          kind: 'overlap',
          role: mark.role,
          message: `${mark.role === 'mark' ? 'printed values' : 'tick labels'} "${labels[i]!.text}" and "${labels[j]!.text}" are ${gap < 0 ? 'drawn over each other' : `${gap.toFixed(1)} px apart`} (at least ${MIN_LABEL_GAP} px needed)`,
        });
      }
    }
  }
  return problems;
}

/** The first and last labelled ticks of an axis must stay visible when overlap removal thins the rest. */
function hiddenEndLabels(mark: SceneMark): LayoutProblem[] {
  const labelled = mark.items.filter((item) => String(item.text ?? '').trim() !== '');
  const ends = labelled.length > 1 ? [labelled[0]!, labelled[labelled.length - 1]!] : labelled;
  return ends
    .filter((item) => item.opacity === 0)
    .map((item) => ({
      kind: 'hidden-end-label' as const,
      role: mark.role,
      message: `end tick label "${item.text}" is hidden by overlap removal`,
    }));
}

/** Two visible ticks of one axis with the same text: the format hides a difference between tick values. */
function repeatedLabels(mark: SceneMark): LayoutProblem[] {
  const seen = new Set<string>();
  const problems: LayoutProblem[] = [];
  for (const item of mark.items) {
    const text = String(item.text ?? '').trim();
    if (item.opacity === 0 || text === '') continue;
    if (seen.has(text)) {
      problems.push({ kind: 'repeated-label', role: mark.role, message: `tick label "${text}" appears at two ticks of one axis` });
    }
    seen.add(text);
  }
  return problems;
}

/** The visible tick labels of every axis, in scenegraph order, for checks such as "the last tick is shown". */
export async function visibleTickLabels(spec: VegaLiteSpec): Promise<string[][]> {
  const axes: string[][] = [];
  await visitScene(spec, (mark) => {
    if (mark.role === 'axis-label') axes.push(mark.items.filter((item) => item.opacity !== 0).map((item) => String(item.text ?? '')));
  });
  return axes;
}
