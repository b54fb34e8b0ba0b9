import { describe, expect, it } from 'vitest';
import { checkCell, pastedBlock } from '../../renderer/src/marks/mark-cells';

describe('marks grid cells', () => {
  it('reads marks against the maximum, with a decimal point or comma', () => {
    expect(checkCell('', 20)).toEqual({ kind: 'empty' });
    expect(checkCell(' 12.5 ', 20)).toEqual({ kind: 'mark', score: 12.5 });
    expect(checkCell('12,5', 20)).toEqual({ kind: 'mark', score: 12.5 });
    expect(checkCell('20', 20)).toEqual({ kind: 'mark', score: 20 });
    expect(checkCell('21', 20)).toEqual({ kind: 'aboveMax' });
    expect(checkCell('-1', 20)).toEqual({ kind: 'negative' });
    expect(checkCell('abc', 20)).toEqual({ kind: 'notNumber' });
    expect(checkCell('1e3', 2000)).toEqual({ kind: 'notNumber' });
  });

  it('splits pasted spreadsheet text into rows and cells', () => {
    expect(pastedBlock('12\r\n14\r\n9\r\n')).toEqual([['12'], ['14'], ['9']]);
    expect(pastedBlock('1\t2\n3\t4')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(pastedBlock('7')).toEqual([['7']]);
    expect(pastedBlock('\n')).toEqual([['']]);
  });
});
