import { isAccountId, isAccountName, SEED_ACCOUNT_COUNT, seedAccount } from './account';

describe('seed accounts', () => {
  it('runs from 10000/Person_0 to 10099/Person_99', () => {
    expect(SEED_ACCOUNT_COUNT).toBe(100);
    expect(seedAccount(0)).toEqual({ id: '10000', name: 'Person_0' });
    expect(seedAccount(99)).toEqual({ id: '10099', name: 'Person_99' });
  });
});

describe('isAccountId', () => {
  it.each(['0', '10000', '123456789012345678'])('accepts %p', (id) => {
    expect(isAccountId(id)).toBe(true);
  });

  it.each(['', 'abc', '10000x', ' 10000', '-1', '1.5', '1e5', '1234567890123456789', '１２３'])(
    'rejects %p',
    (id) => {
      expect(isAccountId(id)).toBe(false);
    },
  );
});

describe('isAccountName', () => {
  it.each(['Person_0', 'Renée', 'x'.repeat(256)])('accepts %p', (name) => {
    expect(isAccountName(name)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['a number', 42],
    ['null', null],
    ['a control character', 'a\u0000b'],
    ['a replacement character (bytes that are not UTF-8)', 'a\ufffdb'],
    ['257 characters', 'x'.repeat(257)],
  ])('rejects %s', (_, value) => {
    expect(isAccountName(value)).toBe(false);
  });
});
