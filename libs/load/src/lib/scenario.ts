/**
 * The article's Gatling run: users ramped in evenly, each looping GET then pause while less than
 * durationS has passed since it started (Gatling's `during`, which checks before each turn).
 */
export interface ArticleScenario {
  kind: 'article';
  users: number;
  rampS: number;
  pauseS: number;
  durationS: number;
}

/** An open model: requests start at a fixed rate, evenly spaced, however slow the answers are. */
export interface RateScenario {
  kind: 'rate';
  rate: number;
  durationS: number;
  connections: number;
}

/** A closed model without pauses: each connection sends its next request as soon as it can. */
export interface PeakScenario {
  kind: 'peak';
  connections: number;
  durationS: number;
}

export type Scenario = ArticleScenario | RateScenario | PeakScenario;

/** Most connections the scenario opens at once. */
export function connectionsOf(scenario: Scenario): number {
  return scenario.kind === 'article' ? scenario.users : scenario.connections;
}

export function describeScenario(scenario: Scenario): string {
  switch (scenario.kind) {
    case 'article':
      return `${scenario.users} users ramped over ${scenario.rampS} s, each looping for ${scenario.durationS} s with a ${scenario.pauseS} s pause`;
    case 'rate':
      return `${scenario.rate} req/s, evenly spaced, for ${scenario.durationS} s over up to ${scenario.connections} connections`;
    case 'peak':
      return `as fast as ${scenario.connections} connections go, for ${scenario.durationS} s`;
  }
}
