import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PNG_PIXEL_RATIO, svgToPng } from '../../src/plot/vega-png';
import { CHART_FONT_NAME, textWidth } from '../../src/plot/chart-font';
import { renderSvg } from '../../src/plot/vega-render';
import { separableCostChart } from '../../src/plot/charts/separable-cost';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function textSvg(family: string, text: string, fontSize = 20): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="10" y="28" font-family="${family}" font-size="${fontSize}">${text}</text></svg>`;
}

/** Leftmost and rightmost columns holding a non-white pixel, in CSS pixels. */
function inkColumns(png: Buffer): { left: number; right: number } {
  const image = PNG.sync.read(png);
  let left = Infinity;
  let right = -Infinity;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = 4 * (y * image.width + x);
      if (image.data[i]! < 200) {
        left = Math.min(left, x);
        right = Math.max(right, x + 1);
      }
    }
  }
  return { left: left / PNG_PIXEL_RATIO, right: right / PNG_PIXEL_RATIO };
}

test('the PNG is the SVG drawn at the pixel ratio, on white', async () => {
  const svg = await renderSvg(separableCostChart());
  const [, width, height] = /^<svg[^>]*width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(svg)!;
  const image = PNG.sync.read(svgToPng(svg));
  assert.equal(image.width, Math.round(Number(width) * PNG_PIXEL_RATIO));
  assert.equal(image.height, Math.round(Number(height) * PNG_PIXEL_RATIO));
  assert.deepEqual([...image.data.subarray(0, 4)], [255, 255, 255, 255], 'the corner is white background');
});

test('text is drawn with the shipped chart font whatever family the SVG asks for: system fonts are never used', () => {
  const word = 'Depthwise 1,024 K²';
  const named = svgToPng(textSvg(CHART_FONT_NAME, word));
  // A family that no machine has, and the generic family, both fall back to the chart font.
  assert.equal(sha256(svgToPng(textSvg('No Such Font', word))), sha256(named));
  assert.equal(sha256(svgToPng(textSvg('sans-serif', word))), sha256(named));
  assert.ok(inkColumns(named).right > inkColumns(named).left, 'the text is drawn (not blank)');
});

test('the width vega lays text out with is the width resvg draws: label limits hold in the PNG', () => {
  for (const word of ['filters M (output channels)', 'inverted residual, t = 6 (MobileNet v2)', 'WAVE 1,024']) {
    const ink = inkColumns(svgToPng(textSvg(CHART_FONT_NAME, word)));
    const measured = textWidth(word, 20);
    // Ink starts a side bearing after x = 10 and ends a side bearing before the advance: within 2 px.
    assert.ok(Math.abs(ink.right - 10 - measured) < 2, `${word}: ink ends at ${ink.right - 10}, measured ${measured.toFixed(1)}`);
  }
});

test('the same chart gives the same PNG bytes in another process', async () => {
  const png = svgToPng(await renderSvg(separableCostChart()));
  const script = [
    `const { svgToPng } = require(${JSON.stringify(join(__dirname, '../../src/plot/vega-png'))});`,
    `const { renderSvg } = require(${JSON.stringify(join(__dirname, '../../src/plot/vega-render'))});`,
    `const { separableCostChart } = require(${JSON.stringify(join(__dirname, '../../src/plot/charts/separable-cost'))});`,
    `renderSvg(separableCostChart()).then((svg) => process.stdout.write(require('node:crypto').createHash('sha256').update(svgToPng(svg)).digest('hex')));`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, sha256(png));
});
