/**
 * Hedges are bounded to a share of the requests, so that an origin slow as a whole does not get
 * twice its load: every REQUESTS_PER_HEDGE requests earn one hedge, up to HEDGE_BURST saved,
 * enough for every request in flight when one instance of a few stalls.
 */
const REQUESTS_PER_HEDGE = 10;
const HEDGE_BURST = 50;

/** The hedges an adapter may send, counted in requests: a hedge costs REQUESTS_PER_HEDGE. */
export class HedgeBudget {
  private credit = HEDGE_BURST * REQUESTS_PER_HEDGE;

  /** Each request earns its share. */
  earn(): void {
    this.credit = Math.min(HEDGE_BURST * REQUESTS_PER_HEDGE, this.credit + 1);
  }

  /** Whether a hedge may go, spending it if so. */
  spend(): boolean {
    if (this.credit < REQUESTS_PER_HEDGE) return false;
    this.credit -= REQUESTS_PER_HEDGE;
    return true;
  }
}
