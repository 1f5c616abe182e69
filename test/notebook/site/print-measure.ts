/**
 * Measures, in a browser page, what would be cut off on screen or paper:
 * every output block, code block, figure, table, image and display formula
 * whose content is wider than its box (scrollWidth > clientWidth) or whose
 * box reaches past the page's content width. Shared by the print test and
 * by checks of the real lessons.
 */
import type { Page } from 'playwright-core';

export interface Overflow {
  readonly selector: string;
  readonly text: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly right: number;
  readonly pageWidth: number;
}

export const MEASURED = 'pre.output, pre.source, figure, table, .output img, .katex-display, .output-chart-refused, main p, main li';

export function measureOverflow(page: Page): Promise<Overflow[]> {
  return page.evaluate((selector) => {
    const pageWidth = document.querySelector('main')?.getBoundingClientRect().right ?? document.documentElement.clientWidth;
    const found: Overflow[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      // One pixel of slack for sub-pixel rounding.
      const tooWide = element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0;
      const pastPage = box.right > pageWidth + 1;
      if (tooWide || pastPage) {
        found.push({
          selector: `${element.tagName.toLowerCase()}.${element.className}`,
          text: (element.textContent ?? '').replace(/\s+/g, ' ').slice(0, 80),
          scrollWidth: element.scrollWidth,
          clientWidth: element.clientWidth,
          right: Math.round(box.right),
          pageWidth: Math.round(pageWidth),
        });
      }
    }
    return found;
  }, MEASURED);
}
