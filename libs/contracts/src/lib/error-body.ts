/** Body of every 4xx/5xx answer: the shape NestJS's built-in exception filter writes. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}
