/**
 * Corrupt notebook files: whatever the damage — a stray token several lines
 * in, a file cut off mid-write, text after the JSON, a raw newline inside a
 * string — the error is one line that names the file and the line and
 * column where the JSON goes wrong (Node's own text spans several lines when
 * it quotes the file, and has no position for an unexpected token).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConvkitInputError } from '../../../src/core/errors';
import { brokenPrefix, jsonErrorPlace } from '../../../src/notebook/json-error';
import { parseNotebook } from '../../../src/notebook/nbformat';

function messageFor(text: string): string {
  try {
    parseNotebook(text, 'lesson.ipynb');
  } catch (error) {
    assert.ok(error instanceof ConvkitInputError, String(error));
    return error.message;
  }
  throw new Error(`accepted: ${text}`);
}

test('each kind of corrupt JSON is one line with the line and column of the fault', () => {
  const cases: [string, string][] = [
    ['{"nbformat": 4,\n\n  "cells": x}', "line 3, column 12: Unexpected token 'x'"],
    ['{ not json', "line 1, column 3: Expected property name or '}'"],
    ['{"nbformat": 4,\n "cells": [\n  {"cell_type": "code", ', 'line 3, column 25: Expected double-quoted property name'],
    ['', 'line 1, column 1: Unexpected end of JSON input'],
    ['{"nbformat": 4}\n}\n', "line 2, column 1: Unexpected non-whitespace character after the notebook's JSON value"],
    ['{"nbformat":\n"multi\nline"}', 'line 2, column 7: Bad control character in string literal'],
    ['{"nbformat": tru}', "line 1, column 17: Unexpected token '}'"],
  ];
  for (const [text, place] of cases) {
    const message = messageFor(text);
    assert.equal(message, `notebook = "lesson.ipynb": must be valid .ipynb JSON (${place})`, JSON.stringify(text));
    assert.equal(message.includes('\n'), false);
  }
});

test('the place found is where the text stops being JSON: the text before it is unfinished, with it broken', () => {
  // Any valid document with one character replaced by a stray "#" breaks exactly there.
  fc.assert(
    fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
      const text = JSON.stringify(value, null, 1);
      const at = seed % text.length;
      const broken = `${text.slice(0, at)}#${text.slice(at + 1)}`;
      let parsed = true;
      try {
        JSON.parse(broken);
      } catch {
        parsed = false;
      }
      if (parsed) return; // the "#" landed inside a string
      const place = jsonErrorPlace(broken);
      if (place.offset < broken.length) {
        assert.ok(brokenPrefix(broken, place.offset + 1), 'with the character at the place, the text is broken');
        assert.ok(!brokenPrefix(broken, place.offset), 'without it, the text is only unfinished');
      }
      // A "#" outside strings is itself the fault; in place of a quote it may only show later.
      if (!'"\\'.includes(text[at]!)) assert.ok(place.offset <= at, `fault at or before the "#" (${place.offset} vs ${at})`);
      const lines = broken.slice(0, place.offset).split('\n');
      assert.equal(place.line, lines.length);
      assert.equal(place.column, lines[lines.length - 1]!.length + 1);
      const message = messageFor(broken);
      assert.equal(message.split('\n').length, 1);
      assert.match(message, new RegExp(`\\(line ${place.line}, column ${place.column}: `));
    }),
    { numRuns: 300 },
  );
});
