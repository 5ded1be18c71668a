import { type EngineStatus, SWARM_EVENTS, type SwarmGraph } from '@landscape/contracts';
import { GraphCanvas } from './graph-canvas';
import { detailsOf, statusOf, toGraphView, type ViewOptions } from './graph-view-model';
import { NodeBoard } from './node-board';
import { toNodeBoard } from './node-board-view-model';

type View = 'graph' | 'nodes';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = byId('status');
const details = byId('details');
const filterInput = byId<HTMLInputElement>('filter');
const runningOnlyInput = byId<HTMLInputElement>('running-only');
const graphSvg = document.getElementById('graph') as unknown as SVGSVGElement;
const views: Record<View, { button: HTMLButtonElement; shown: Array<HTMLElement | SVGElement> }> = {
  graph: { button: byId('view-graph'), shown: [graphSvg, byId('legend')] },
  nodes: { button: byId('view-nodes'), shown: [byId('nodes')] },
};

let graph: SwarmGraph | undefined;
let engine: EngineStatus | undefined;
let connected = true;
let selected: string | null = null;
/** The view is in the address (`#nodes`), so that it survives a reload and can be linked to. */
let view: View = location.hash === '#nodes' ? 'nodes' : 'graph';

const canvas = new GraphCanvas(graphSvg, (key) => showDetails(key));
const board = new NodeBoard(byId('nodes'), (key) => showDetails(key));

function options(): ViewOptions {
  return { filter: filterInput.value, runningOnly: runningOnlyInput.checked };
}

function redraw(): void {
  if (graph && view === 'graph') canvas.draw(toGraphView(graph, options()));
  if (graph && view === 'nodes') board.draw(toNodeBoard(graph, options()));
  if (selected) showDetails(selected);
}

function showView(next: View): void {
  view = next;
  for (const [name, { button, shown }] of Object.entries(views)) {
    button.setAttribute('aria-pressed', String(name === view));
    for (const element of shown) element.toggleAttribute('hidden', name !== view);
  }
  history.replaceState(
    null,
    '',
    `${location.pathname}${location.search}${view === 'nodes' ? '#nodes' : ''}`,
  );
  if (view === 'graph') canvas.resize();
  redraw();
}

function showStatus(): void {
  const shown = statusOf(engine, graph, connected);
  status.dataset['state'] = shown.state;
  status.textContent = shown.text;
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
  board.select(key);
}

function hideDetails(): void {
  selected = null;
  details.hidden = true;
  canvas.select(null);
  board.select(null);
}

byId('close-details').addEventListener('click', hideDetails);
filterInput.addEventListener('input', redraw);
runningOnlyInput.addEventListener('change', redraw);
views.graph.button.addEventListener('click', () => showView('graph'));
views.nodes.button.addEventListener('click', () => showView('nodes'));
showView(view);
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
