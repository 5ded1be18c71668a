import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The page, bundled at build time into public/ beside main.js, and read once at start. */
const PUBLIC_DIR = join(__dirname, 'public');
const read = (file: string) => readFileSync(join(PUBLIC_DIR, file), 'utf8');

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

@Controller()
export class WebController {
  private readonly page = read('index.html');
  private readonly script = read('app.js');
  private readonly style = read('style.css');

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CONTENT_SECURITY_POLICY)
  @Header('x-content-type-options', 'nosniff')
  index(): string {
    return this.page;
  }

  @Get('app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  appScript(): string {
    return this.script;
  }

  @Get('style.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  stylesheet(): string {
    return this.style;
  }
}
