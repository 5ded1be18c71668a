import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_CONTENT_SECURITY_POLICY } from '@landscape/runtime';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

/** The page, bundled at build time into public/ beside main.js, and read once at start. */
const PUBLIC_DIR = join(__dirname, 'public');
const read = (file: string) => readFileSync(join(PUBLIC_DIR, file), 'utf8');

@ApiTags('page')
@Controller()
export class WebController {
  private readonly page = read('index.html');
  private readonly script = read('app.js');
  private readonly style = read('style.css');

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', PAGE_CONTENT_SECURITY_POLICY)
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({ operationId: 'page', summary: 'The page: a live graph of the swarm' })
  @ApiOkResponse({
    description: 'The page',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  index(): string {
    return this.page;
  }

  @Get('app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({ operationId: 'pageScript', summary: "The page's script" })
  @ApiOkResponse({
    description: 'The script',
    content: { 'text/javascript': { schema: { type: 'string' } } },
  })
  appScript(): string {
    return this.script;
  }

  @Get('style.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({ operationId: 'pageStyle', summary: "The page's style sheet" })
  @ApiOkResponse({
    description: 'The style sheet',
    content: { 'text/css': { schema: { type: 'string' } } },
  })
  stylesheet(): string {
    return this.style;
  }
}
