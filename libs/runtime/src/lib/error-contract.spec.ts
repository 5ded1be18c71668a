import {
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { errorBody, errorBodyOf } from './error-contract';

describe('errorBodyOf', () => {
  it("keeps the message of the app's own exceptions", () => {
    expect(errorBodyOf(new NotFoundException('account 20000 not found'))).toEqual({
      message: 'account 20000 not found',
      error: 'Not Found',
      statusCode: 404,
    });
    expect(errorBodyOf(new BadRequestException(['a is bad', 'b is bad']))).toEqual(
      errorBody(400, 'a is bad; b is bad'),
    );
  });

  it('replaces the message of an exception Nest made from a Fastify error, which may echo the request', () => {
    const fromFastify = new HttpException('Unsupported Media Type: text/x-secret', 415);
    expect(errorBodyOf(fromFastify)).toEqual(errorBody(415, 'unsupported content type'));
  });

  it("answers a missing route without Nest's 'Cannot GET /path'", () => {
    expect(errorBodyOf(new NotFoundException('Cannot GET /secret/path'), true)).toEqual(
      errorBody(404, 'no route matches this path'),
    );
  });

  it('keeps the status of errors that carry a 4xx statusCode, with a fixed message', () => {
    const error = Object.assign(new Error("'/x' is too long"), { statusCode: 413 });
    expect(errorBodyOf(error)).toEqual(errorBody(413, 'the request body is too large'));
  });

  it('answers 500 with a generic message for anything else', () => {
    for (const thrown of [
      new Error('db path /var/secret'),
      'a string',
      null,
      { statusCode: 503 },
    ]) {
      expect(errorBodyOf(thrown)).toEqual({
        message: 'internal server error',
        error: 'Internal Server Error',
        statusCode: 500,
      });
    }
  });

  it('has the reason phrase of the status as error, in the field order Nest uses', () => {
    expect(JSON.stringify(errorBodyOf(new PayloadTooLargeException('too big')))).toBe(
      '{"message":"too big","error":"Payload Too Large","statusCode":413}',
    );
  });
});
