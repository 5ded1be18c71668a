import { builtMain } from '@landscape/processes';
import { join } from 'node:path';
import type { ServerSpec } from './bench-server';

/** What the bench measures, each a server of its own. */
export type SubjectName =
  | 'reference'
  | 'accountservice'
  | 'referencePair'
  | 'chainBaseline'
  | 'accountserviceChain'
  | 'fastifyBaseline'
  | 'nestBaseline'
  | 'designBaseline';

/** Servers that subjects call and that are not measured themselves. */
export type BackendName = 'referenceQuotes' | 'quotesBaseline' | 'quotesService';

/** peak: the load tool at peak; wrk: wrk at peak; steady: the load tool at the fixed rate. */
export type Measure = 'peak' | 'wrk' | 'steady';

export interface SubjectContext {
  /** A free port on loopback, already chosen for this server. */
  port: number;
  /** The URL of a backend, started on first use. */
  backend(name: BackendName): Promise<string>;
  /** A fresh data directory, removed after the bench. */
  dataDir(): string;
  /** A URL that nothing listens on. */
  nothingListens: string;
  /** Node.js flags that profile accountservice (--cpu-prof), or none. */
  profile: string[];
}

export interface Subject {
  name: SubjectName;
  /** What it is, as the printout names it. */
  title: string;
  measures: Measure[];
  /** What each answer must carry for the subject to measure what it is meant to. */
  quote?: 'fallback' | 'real';
  spec(context: SubjectContext): Promise<ServerSpec>;
}

/**
 * The heap the services get in the stack: the images' CMD gives the old space half of the
 * container's limit and 8 MiB semi-spaces.
 */
export const IMAGE_NODE_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=8'];

const ACCOUNT_READY = '/accounts/10000';
const dist = (file: string) => join(__dirname, file);

function reference(port: number, args: string[], readyPath = ACCOUNT_READY): ServerSpec {
  return {
    label: `reference ${args.join(' ')}`,
    args: [dist('reference-servers.js'), args[0], String(port), ...args.slice(1)],
    port,
    readyPath,
  };
}

function baseline(port: number, kind: string, args: string[] = [], readyPath = ACCOUNT_READY) {
  return {
    label: `${kind} baseline`,
    args: [...IMAGE_NODE_FLAGS, dist(`${kind}-baseline.js`), String(port), ...args],
    port,
    readyPath,
  };
}

function accountservice(context: SubjectContext, label: string, quotesUrl: string): ServerSpec {
  return {
    label,
    args: [...context.profile, ...IMAGE_NODE_FLAGS, builtMain('accountservice')],
    env: {
      DATA_DIR: context.dataDir(),
      QUOTES_SERVICE_URL: quotesUrl,
      // Long enough that no quote times out under peak load: every answer of the chain holds a
      // real quote and its breaker stays closed, so that it is the chain that is measured.
      QUOTES_TIMEOUT_MS: '5000',
    },
    port: context.port,
    readyPath: ACCOUNT_READY,
  };
}

/** The subjects, in the order in which each round measures them. */
export const SUBJECTS: Subject[] = [
  {
    name: 'reference',
    title: 'reference: raw node:http, accounts from a Map',
    measures: ['peak', 'wrk', 'steady'],
    spec: async ({ port }) => reference(port, ['account']),
  },
  {
    name: 'accountservice',
    title: 'accountservice, quotes-service down (fallback quote)',
    measures: ['peak', 'wrk', 'steady'],
    quote: 'fallback',
    spec: async (context) => accountservice(context, 'accountservice', context.nothingListens),
  },
  {
    name: 'referencePair',
    title: 'reference pair: raw node:http calling raw node:http',
    measures: ['peak'],
    spec: async ({ port, backend }) =>
      reference(port, ['account', await backend('referenceQuotes')]),
  },
  {
    name: 'chainBaseline',
    title: 'chain baseline: two NestJS services, the quote call',
    measures: ['peak'],
    quote: 'real',
    spec: async ({ port, backend }) => baseline(port, 'chain', [await backend('quotesBaseline')]),
  },
  {
    name: 'accountserviceChain',
    title: 'accountservice with quotes-service',
    measures: ['peak'],
    quote: 'real',
    spec: async (context) =>
      accountservice(context, 'accountservice chain', await context.backend('quotesService')),
  },
  {
    name: 'fastifyBaseline',
    title: 'Fastify, schema, request line',
    measures: ['wrk'],
    spec: async ({ port }) => baseline(port, 'fastify'),
  },
  {
    name: 'nestBaseline',
    title: 'NestJS on Fastify, schema, request line',
    measures: ['wrk'],
    spec: async ({ port }) => baseline(port, 'nest'),
  },
  {
    name: 'designBaseline',
    title: 'the same with LevelDB, the quote call built, prom-client',
    measures: ['wrk'],
    spec: async ({ port, dataDir }) => baseline(port, 'design', [dataDir()]),
  },
];

export const BACKENDS: Record<BackendName, (port: number) => ServerSpec> = {
  referenceQuotes: (port) => reference(port, ['quotes'], '/api/quote'),
  quotesBaseline: (port) => baseline(port, 'quotes', [], '/api/quote?strength=0'),
  quotesService: (port) => ({
    label: 'quotes-service',
    args: [...IMAGE_NODE_FLAGS, builtMain('quotes-service')],
    port,
    readyPath: '/api/quote',
  }),
};

/** The subjects that a measure runs on, in SUBJECTS' order. */
export const measuredBy = (measure: Measure): Subject[] =>
  SUBJECTS.filter((subject) => subject.measures.includes(measure));
