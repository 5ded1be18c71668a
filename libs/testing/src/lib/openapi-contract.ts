import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { type ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { STATUS_CODES } from 'node:http';

/** An answer as a test got it, with the request it answered. */
export interface ContractAnswer {
  method: string;
  /** The request's path as sent, with its query. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

type Response = OpenAPIV3.ResponseObject;
type Operation = OpenAPIV3.OperationObject;

interface Route {
  template: string;
  pattern: RegExp;
  item: OpenAPIV3.PathItemObject;
}

/**
 * A service's OpenAPI document, checked by a real validator, that tells what is wrong with an
 * answer: a status it does not list for the route, a required header missing, a content type or
 * a JSON body that its schema (ajv) does not accept.
 */
export class OpenApiContract {
  private readonly routes: Route[];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new WeakMap<object, ValidateFunction>();

  private constructor(readonly document: OpenAPIV3.Document) {
    this.routes = Object.entries(document.paths).map(([template, item]) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      item: item as OpenAPIV3.PathItemObject,
    }));
  }

  /** Validates the document (OpenAPI 3's schema and its references) and resolves its $refs. */
  static async load(file: string): Promise<OpenApiContract> {
    const document = (await SwaggerParser.validate(file)) as OpenAPIV3.Document;
    return new OpenApiContract(document);
  }

  /** What is wrong with the answer; empty when the document holds it. */
  problems(answer: ContractAnswer): string[] {
    const path = answer.path.split('?')[0];
    const route = this.routes.find(({ pattern }) => pattern.test(path));
    const where = `${answer.method} ${route?.template ?? path} → ${answer.status}`;
    const response = this.responseFor(answer, route);
    if (!response) return [`${where}: the document has no such answer`];
    return [...this.headerProblems(response, answer), ...this.bodyProblems(response, answer)].map(
      (problem) => `${where}: ${problem}`,
    );
  }

  /** The route's operation for the method, else the answers any request can get. */
  private responseFor(answer: ContractAnswer, route: Route | undefined): Response | undefined {
    const method = answer.method.toLowerCase() as OpenAPIV3.HttpMethods;
    const operation: Operation | undefined =
      route?.item[method] ?? (method === 'head' ? route?.item.get : undefined);
    // A method the service does not answer (HEAD where it answers GET only) is a 405 of any path.
    if (operation && answer.status !== 405) {
      return operation.responses[answer.status] as Response | undefined;
    }
    const name = (STATUS_CODES[answer.status] ?? '').replace(/[^A-Za-z0-9]/g, '');
    return this.document.components?.responses?.[name] as Response | undefined;
  }

  private headerProblems(response: Response, answer: ContractAnswer): string[] {
    return Object.entries(response.headers ?? {})
      .filter(([, header]) => (header as OpenAPIV3.HeaderObject).required)
      .filter(([name]) => answer.headers[name.toLowerCase()] === undefined)
      .map(([name]) => `the header ${name} is missing`);
  }

  private bodyProblems(response: Response, answer: ContractAnswer): string[] {
    const content = response.content ?? {};
    if (Object.keys(content).length === 0 || answer.method === 'HEAD') return [];
    const contentType = String(answer.headers['content-type'] ?? '');
    const mediaType = Object.keys(content).find(
      (type) => mediaTypeOf(type) === mediaTypeOf(contentType),
    );
    if (!mediaType) return [`content-type "${contentType}" is not ${Object.keys(content)}`];
    const schema = content[mediaType].schema;
    if (!schema || mediaTypeOf(mediaType) !== 'application/json') return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [`the body is not JSON: ${answer.text.slice(0, 100)}`];
    }
    const validate = this.validatorOf(schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) => `body${error.instancePath} ${error.message} (${JSON.stringify(error.params)})`,
    );
  }

  private validatorOf(schema: object): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}
