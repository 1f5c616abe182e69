import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCell, tableBundle } from '../../src/plot/table';
import { MIME } from '../../src/plot/mime-bundle';

test('a table bundle carries escaped HTML and aligned plain text', () => {
  const bundle = tableBundle(
    [
      { layer: 'conv1 <stride 2>', macs: 10838016, ratio: 0.1128 },
      { layer: 'dw & pw', macs: 4816896, ratio: null },
    ],
    ['layer', { field: 'macs', title: 'MACs' }, 'ratio'],
  );
  assert.deepEqual(Object.keys(bundle).sort(), [MIME.html, MIME.plain].sort());
  const html = bundle[MIME.html] ?? '';
  assert.match(html, /<td>conv1 &lt;stride 2&gt;<\/td>/);
  assert.match(html, /<td>dw &amp; pw<\/td>/);
  assert.match(html, /<th class="num">MACs<\/th>/);
  assert.match(html, /<td class="num">10,838,016<\/td>/);
  assert.equal(
    bundle[MIME.plain],
    [
      'layer                   MACs   ratio',
      '----------------  ----------  ------',
      'conv1 <stride 2>  10,838,016  0.1128',
      'dw & pw            4,816,896',
    ].join('\n'),
  );
});

test('no cell text can open a tag in the HTML, whatever it contains', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ a: fc.string(), b: fc.string() }), { minLength: 1, maxLength: 5 }), fc.string({ minLength: 1 }), (rows, title) => {
      const html = tableBundle(rows, [{ field: 'a', title }, 'b'])[MIME.html] ?? '';
      const withoutOwnTags = html.replace(/<\/?(table|thead|tbody|tr|th|td)( class="(convkit-table|num)")?>/g, '');
      assert.ok(!withoutOwnTags.includes('<'), withoutOwnTags);
      assert.ok(!withoutOwnTags.includes('>'), withoutOwnTags);
    }),
    { numRuns: 100 },
  );
});

test('cells format integers with separators, fractions with 4 significant digits, empties as blanks', () => {
  assert.equal(formatCell(3505000), '3,505,000');
  assert.equal(formatCell(1 / 9 + 1 / 256), '0.115');
  assert.equal(formatCell(1 / 3), '0.3333');
  assert.equal(formatCell(1234.5678), '1,235');
  assert.equal(formatCell(undefined), '');
  assert.equal(formatCell(12n ** 12n), '8,916,100,448,256');
});

test('rows that are not objects and malformed columns are input errors', () => {
  assert.throws(() => tableBundle([1 as never]), /rows\[0\] = 1: must be an object/);
  assert.throws(() => tableBundle({} as never), /rows = \{\}: must be an array/);
  assert.throws(() => tableBundle([{ a: 1 }], [{ title: 'x' } as never]), /columns\[0\] = \{"title":"x"\}: must be a field name/);
});
