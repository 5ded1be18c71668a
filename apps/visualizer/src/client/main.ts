import { type EngineStatus, SWARM_EVENTS, type SwarmGraph } from '@landscape/contracts';
import { GraphCanvas } from './graph-canvas';
import { detailsOf, statusOf, toGraphView } from './graph-view-model';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = byId('status');
const details = byId('details');
const filterInput = byId<HTMLInputElement>('filter');

let graph: SwarmGraph | undefined;
let engine: EngineStatus | undefined;
let connected = true;
let selected: string | null = null;

const canvas = new GraphCanvas(
  document.getElementById('graph') as unknown as SVGSVGElement,
  (key) => showDetails(key),
);

function redraw(): void {
  if (graph) canvas.draw(toGraphView(graph, filterInput.value));
  if (selected) showDetails(selected);
}

function showStatus(): void {
  const view = statusOf(engine, graph, connected);
  status.dataset['state'] = view.state;
  status.textContent = view.text;
}

function showDetails(key: string): void {
  const shown = graph && detailsOf(graph, key);
  if (!shown) return hideDetails();
  selected = key;
  byId('details-title').textContent = shown.title;
  byId('details-list').replaceChildren(
    ...shown.rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset['field'] = term;
      return [dt, dd];
    }),
  );
  details.hidden = false;
  canvas.select(key);
}

function hideDetails(): void {
  selected = null;
  details.hidden = true;
  canvas.select(null);
}

byId('close-details').addEventListener('click', hideDetails);
filterInput.addEventListener('input', redraw);
window.addEventListener('resize', () => canvas.resize());

const events = new EventSource('api/events');
events.addEventListener(SWARM_EVENTS.graph, (event) => {
  graph = JSON.parse((event as MessageEvent<string>).data) as SwarmGraph;
  connected = true;
  showStatus();
  redraw();
});
events.addEventListener(SWARM_EVENTS.engine, (event) => {
  engine = JSON.parse((event as MessageEvent<string>).data) as EngineStatus;
  connected = true;
  showStatus();
});
events.addEventListener('open', () => {
  connected = true;
  showStatus();
});
events.addEventListener('error', () => {
  connected = false;
  showStatus();
});
