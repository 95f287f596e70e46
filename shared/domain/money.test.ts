import { describe, expect, it } from 'vitest';
import { formatEuro, parseEuro } from './money';

describe('money', () => {
  it.each([
    [750, '7,50 €'],
    [900, '9,00 €'],
    [0, '0,00 €'],
    [123456, '1.234,56 €'],
    [-250, '-2,50 €'],
  ])('formats %i cents as %s', (cents, text) => expect(formatEuro(cents)).toBe(text));

  it.each([
    ['7,50', 750],
    ['7.5', 750],
    ['9 €', 900],
    ['12,05 EUR', 1205],
  ])('parses %s', (text, cents) => expect(parseEuro(text)).toBe(cents));

  it.each(['', 'abc', '7,505', '-1'])('rejects %s', (text) => expect(parseEuro(text)).toBeNull());
});
