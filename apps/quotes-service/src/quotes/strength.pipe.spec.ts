import { BadRequestException } from '@nestjs/common';
import { StrengthPipe } from './strength.pipe';

describe('StrengthPipe', () => {
  const pipe = new StrengthPipe();

  it('treats an absent strength as 0', () => {
    expect(pipe.transform(undefined)).toBe(0);
  });

  it.each([
    ['0', 0],
    ['4', 4],
    ['16', 16],
    ['04', 4],
  ])('reads %p as %p', (value, strength) => {
    expect(pipe.transform(value)).toBe(strength);
  });

  it.each(['', '-1', '17', '99', '100', '4.0', '1e1', 'abc', ' 4', ['1', '2']])(
    'rejects %p with a 400',
    (value) => {
      expect(() => pipe.transform(value)).toThrow(BadRequestException);
      expect(() => pipe.transform(value)).toThrow('strength must be a whole number from 0 to 16');
    },
  );
});
