/**
 * The engine events that can change the graph, as a filter for `GET /events`. Container events
 * also include a health check's exec_create, exec_start and exec_die, for every container at
 * every interval: following those re-read the whole swarm every few seconds for nothing.
 * (`health_status` is sent only when a container's health changes.)
 */
export const GRAPH_EVENT_FILTERS = {
  type: ['service', 'node', 'container', 'network'],
  event: ['create', 'update', 'remove', 'start', 'die', 'destroy', 'health_status'],
};

/** Whether one line of the event stream (a JSON event) can change the graph. */
export function changesGraph(line: string): boolean {
  let event: { Type?: unknown; Action?: unknown };
  try {
    event = JSON.parse(line) as typeof event;
  } catch {
    return false;
  }
  if (typeof event.Type !== 'string' || typeof event.Action !== 'string') return false;
  const action = event.Action.split(':')[0];
  return (
    GRAPH_EVENT_FILTERS.type.includes(event.Type) && GRAPH_EVENT_FILTERS.event.includes(action)
  );
}
