import { runService } from '@landscape/runtime';
import { defineAccountService } from './service';

void runService('accountservice', defineAccountService);
