import { BadRequestException } from '@nestjs/common';
import { AccountIdPipe } from './account-id.pipe';

describe('AccountIdPipe', () => {
  const pipe = new AccountIdPipe();

  it('passes well-formed ids through, known or not', () => {
    expect(pipe.transform('10000')).toBe('10000');
    expect(pipe.transform('1')).toBe('1');
  });

  it.each(['abc', '', '10000 ', '1'.repeat(19)])('rejects %p with a 400', (id) => {
    expect(() => pipe.transform(id)).toThrow(BadRequestException);
    expect(() => pipe.transform(id)).toThrow('account id must be 1 to 18 digits');
  });
});
