import { Controller, Get, NotFoundException, Param, Req } from '@nestjs/common';
import {
  type Account,
  ACCOUNT_ID_MAX_LENGTH,
  ACCOUNT_JSON_SCHEMA,
  FALLBACK_QUOTE,
} from '@landscape/contracts';
import { callContextOf, instanceAddress } from '@landscape/runtime';
import { RouteSchema } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { QuoteClient } from '../quotes/quote.client';
import { AccountIdPipe } from './account-id.pipe';
import { AccountRepository } from './account.repository';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  private readonly servedBy = instanceAddress();

  constructor(
    private readonly accounts: AccountRepository,
    private readonly quotes: QuoteClient,
  ) {}

  /** Fastify writes the answer with a serialiser compiled from the schema, not JSON.stringify. */
  @Get(':id')
  @RouteSchema({ response: { 200: ACCOUNT_JSON_SCHEMA } })
  @ApiOperation({
    operationId: 'getAccount',
    summary: 'An account, with a quote from quotes-service',
    description:
      'When quotes-service is down, slow, failing or its circuit breaker is open, the account is ' +
      `still served, with the fallback quote (ipAddress "${FALLBACK_QUOTE.ipAddress}").`,
  })
  @ApiParam({
    name: 'id',
    description: `The account id: 1 to ${ACCOUNT_ID_MAX_LENGTH} digits. The seeded ones are 10000 to 10099.`,
    schema: { ...ACCOUNT_JSON_SCHEMA.properties.id, example: '10000' },
  })
  @ApiOkResponse({ description: 'The account', schema: { $ref: getSchemaPath('Account') } })
  @ApiBadRequestResponse({
    description: 'Not an account id',
    schema: { $ref: getSchemaPath('ErrorBody') },
  })
  @ApiNotFoundResponse({
    description: 'No such account',
    schema: { $ref: getSchemaPath('ErrorBody') },
  })
  @ApiInternalServerErrorResponse({
    description: 'The stored value is not an account (it is kept as it is)',
    schema: { $ref: getSchemaPath('ErrorBody') },
  })
  async findOne(
    @Param('id', AccountIdPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<Account> {
    const account = this.accounts.find(id);
    if (!account) throw new NotFoundException(`account ${id} not found`);
    const quote = await this.quotes.getQuote(callContextOf(request));
    return { id: account.id, name: account.name, servedBy: this.servedBy, quote };
  }
}
