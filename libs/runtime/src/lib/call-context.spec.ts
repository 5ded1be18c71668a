import type { IncomingMessage } from 'node:http';
import { callHeaders, requestIdOf, traceparentOf } from './call-context';

const request = (headers: Record<string, string | string[]>) => ({ headers }) as IncomingMessage;

describe('requestIdOf', () => {
  it.each(['abc-123', 'a.b:c/d+e=f_g', 'x'.repeat(128)])('keeps the caller’s id %p', (id) => {
    expect(requestIdOf(request({ 'x-request-id': id }))).toBe(id);
  });

  it.each([['x'.repeat(129)], ['has space'], ['quote"'], ['new\nline'], ['']])(
    'makes a UUID instead of %p',
    (id) => {
      expect(requestIdOf(request({ 'x-request-id': id }))).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('makes a UUID when there is none, or several', () => {
    expect(requestIdOf(request({}))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(request({ 'x-request-id': ['a', 'b'] }))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('traceparentOf', () => {
  const valid = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('passes a valid W3C traceparent on', () => {
    expect(traceparentOf(request({ traceparent: valid }))).toBe(valid);
    expect(callHeaders({ requestId: 'r', traceparent: valid })).toEqual({
      'x-request-id': 'r',
      traceparent: valid,
    });
  });

  it.each([
    ['an all-zero trace id', '00-00000000000000000000000000000000-b7ad6b7169203331-01'],
    ['an all-zero span id', '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01'],
    ['version ff', 'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'],
    ['upper case', '00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01'],
    ['garbage', 'hello'],
  ])('drops %s', (_, value) => {
    expect(traceparentOf(request({ traceparent: value }))).toBeUndefined();
  });
});
