import { runService } from '@landscape/runtime';
import { defineQuotesService } from './service';

void runService('quotes-service', defineQuotesService);
