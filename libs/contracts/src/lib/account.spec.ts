import { isAccountId, parseStoredAccount, SEED_ACCOUNT_COUNT, seedAccount } from './account';

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

describe('parseStoredAccount', () => {
  it('accepts a stored account of this id, keeping only its fields', () => {
    expect(parseStoredAccount({ name: 'Person_0', id: '10000', extra: 1 }, '10000')).toEqual({
      id: '10000',
      name: 'Person_0',
    });
  });

  it.each([
    ['null', null],
    ['a string', 'Person_0'],
    ['another id', { id: '10001', name: 'Person_1' }],
    ['a missing name', { id: '10000' }],
    ['an empty name', { id: '10000', name: '' }],
    ['a number name', { id: '10000', name: 42 }],
  ])('rejects %s', (_, value) => {
    expect(parseStoredAccount(value, '10000')).toBeUndefined();
  });
});
