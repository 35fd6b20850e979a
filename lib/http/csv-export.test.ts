import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv-export';

describe('csvCell', () => {
  it.each([
    ['plain', 'ada', 'ada'],
    ['empty', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['a number', 42, '42'],
    ['leading zeros kept', '00123', '00123'],
    ['a comma', 'Lovelace, Ada', '"Lovelace, Ada"'],
    ['a quote', 'Ada "the Countess"', '"Ada ""the Countess"""'],
    ['a line break', 'line one\nline two', '"line one\nline two"'],
    ['an e-mail with @ inside', 'ada@example.com', 'ada@example.com'],
    ['a minus inside', 'jean-luc', 'jean-luc'],
  ])('writes %s as is (quoted where needed)', (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['=', '=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['= (SUM)', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+', '+1-555-0100', "'+1-555-0100"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\t=1+1', "'\t=1+1"],
    ['a carriage return', '\r=1+1', `"'\r=1+1"`],
    ['a negative number', -5, "'-5"],
  ])('neutralises a cell starting with %s', (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('neutralises only the start of a cell', () => {
    expect(csvCell(' =1+1')).toBe(' =1+1');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('csvRow', () => {
  it('joins the cells with commas and ends in CRLF', () => {
    expect(csvRow(['a', null, '=x', 'b,c'])).toBe(`a,,'=x,"b,c"\r\n`);
  });
});
