/** `GET /health` on every service: 200 with UP, or 503 with DOWN and the reason. */
export type HealthBody = { status: 'UP' } | { status: 'DOWN'; reason: string };

export const HEALTH_UP: Readonly<HealthBody> = Object.freeze({ status: 'UP' });
