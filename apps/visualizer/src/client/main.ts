import { drag } from 'd3-drag';
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import { select } from 'd3-selection';
import { zoom } from 'd3-zoom';
import type { SwarmGraph, SwarmNode, SwarmService, SwarmTask } from '../swarm/swarm-graph.model';

type Kind = 'node' | 'service' | 'task';

interface Vertex extends SimulationNodeDatum {
  key: string;
  kind: Kind;
  label: string;
  radius: number;
  item: SwarmNode | SwarmService | SwarmTask;
}

interface Edge extends SimulationLinkDatum<Vertex> {
  key: string;
  kind: 'membership' | 'placement';
}

const RADIUS: Record<Kind, number> = { node: 26, service: 16, task: 7 };

const svg = select<SVGSVGElement, unknown>('#graph');
const viewport = svg.append('g');
// Links first, so that they are drawn beneath the circles.
const linkLayer = viewport.append('g').attr('class', 'links');
const vertexLayer = viewport.append('g').attr('class', 'vertices');
svg.call(
  zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.2, 4])
    .on('zoom', (e) => viewport.attr('transform', e.transform)),
);

const vertices = new Map<string, Vertex>();
let graph: SwarmGraph = { nodes: [], services: [], tasks: [], networks: [] };
let filterText = '';
let selectedKey: string | null = null;

const simulation = forceSimulation<Vertex, Edge>()
  .force(
    'charge',
    forceManyBody<Vertex>().strength((v) => (v.kind === 'task' ? -30 : -250)),
  )
  .force(
    'collide',
    forceCollide<Vertex>((v) => v.radius + 4),
  )
  .force('x', forceX<Vertex>(0).strength(0.04))
  .force('y', forceY<Vertex>(0).strength(0.04))
  .on('tick', render);

function serviceVisible(service: SwarmService): boolean {
  if (!filterText) return true;
  return `${service.name} ${service.stack ?? ''}`.toLowerCase().includes(filterText);
}

/** Reuses the vertex of a key across updates, so that the layout stays put as the swarm changes. */
function vertex(key: string, kind: Kind, label: string, item: Vertex['item']): Vertex {
  const existing = vertices.get(key);
  if (existing) return Object.assign(existing, { label, item });
  const created: Vertex = {
    key,
    kind,
    label,
    item,
    radius: RADIUS[kind],
    x: Math.random() * 200 - 100,
    y: Math.random() * 200 - 100,
  };
  vertices.set(key, created);
  return created;
}

function update(): void {
  const services = graph.services.filter(serviceVisible);
  const shownServices = new Set(services.map((s) => s.id));
  const tasks = graph.tasks.filter((t) => shownServices.has(t.serviceId));
  const nodeIds = new Set(graph.nodes.map((n) => n.id));

  const next: Vertex[] = [
    ...graph.nodes.map((n) => vertex(`node:${n.id}`, 'node', nodeLabel(n), n)),
    ...services.map((s) =>
      vertex(
        `service:${s.id}`,
        'service',
        `${s.name} ${s.runningReplicas}/${s.desiredReplicas}`,
        s,
      ),
    ),
    ...tasks.map((t) => vertex(`task:${t.id}`, 'task', '', t)),
  ];
  const keep = new Set(next.map((v) => v.key));
  for (const key of [...vertices.keys()]) if (!keep.has(key)) vertices.delete(key);

  const edges: Edge[] = tasks.flatMap((t) => {
    const own: Edge[] = [
      {
        key: `m:${t.id}`,
        kind: 'membership',
        source: `task:${t.id}`,
        target: `service:${t.serviceId}`,
      } as Edge,
    ];
    if (t.nodeId && nodeIds.has(t.nodeId)) {
      own.push({
        key: `p:${t.id}`,
        kind: 'placement',
        source: `task:${t.id}`,
        target: `node:${t.nodeId}`,
      } as Edge);
    }
    return own;
  });

  linkLayer
    .selectAll<SVGLineElement, Edge>('line')
    .data(edges, (e) => e.key)
    .join('line')
    .attr('class', (e) => `link ${e.kind}`);

  const groups = vertexLayer
    .selectAll<SVGGElement, Vertex>('g.vertex')
    .data(next, (v) => v.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'vertex');
      g.append('circle');
      g.append('text');
      g.append('title');
      g.on('click', (event: MouseEvent, v) => {
        event.stopPropagation();
        showDetails(v.key);
      });
      g.call(
        drag<SVGGElement, Vertex>()
          .on('start', (event, v) => {
            if (!event.active) simulation.alphaTarget(0.2).restart();
            v.fx = v.x;
            v.fy = v.y;
          })
          .on('drag', (event, v) => {
            v.fx = event.x;
            v.fy = event.y;
          })
          .on('end', (event, v) => {
            if (!event.active) simulation.alphaTarget(0);
            v.fx = null;
            v.fy = null;
          }),
      );
      return g;
    });

  groups
    .attr('data-kind', (v) => v.kind)
    .attr('data-id', (v) => v.item.id)
    .attr('data-name', (v) => (v.kind === 'service' ? (v.item as SwarmService).name : null))
    .attr('data-service', (v) =>
      v.kind === 'task' ? serviceName((v.item as SwarmTask).serviceId) : null,
    )
    .attr('data-phase', (v) => (v.kind === 'task' ? (v.item as SwarmTask).phase : null))
    .classed('selected', (v) => v.key === selectedKey);
  groups
    .select('circle')
    .attr('r', (v) => v.radius)
    .attr('class', (v) => circleClass(v));
  groups
    .select('text')
    .attr('x', (v) => v.radius + 4)
    .attr('dy', '0.35em')
    .text((v) => v.label);
  groups.select('title').text((v) => titleOf(v));

  simulation.nodes(next);
  simulation.force(
    'link',
    forceLink<Vertex, Edge>(edges)
      .id((v) => v.key)
      .distance((e) => (e.kind === 'membership' ? 55 : 130))
      .strength((e) => (e.kind === 'membership' ? 0.7 : 0.05)),
  );
  simulation.alpha(0.5).restart();
  if (selectedKey) showDetails(selectedKey);
}

function render(): void {
  linkLayer
    .selectAll<SVGLineElement, Edge>('line')
    .attr('x1', (e) => (e.source as Vertex).x ?? 0)
    .attr('y1', (e) => (e.source as Vertex).y ?? 0)
    .attr('x2', (e) => (e.target as Vertex).x ?? 0)
    .attr('y2', (e) => (e.target as Vertex).y ?? 0);
  vertexLayer
    .selectAll<SVGGElement, Vertex>('g.vertex')
    .attr('transform', (v) => `translate(${v.x ?? 0},${v.y ?? 0})`);
}

function nodeLabel(node: SwarmNode): string {
  const state = node.state === 'ready' ? '' : ` (${node.state})`;
  const availability = node.availability === 'active' ? '' : ` [${node.availability}]`;
  return `${node.hostname} · ${node.role}${node.leader ? ', leader' : ''}${state}${availability}`;
}

function circleClass(v: Vertex): string {
  if (v.kind === 'node') {
    const node = v.item as SwarmNode;
    return node.state === 'ready' && node.availability === 'active' ? 'node' : 'node down';
  }
  if (v.kind === 'service') return 'service';
  return `task ${(v.item as SwarmTask).phase}`;
}

function serviceName(serviceId: string): string {
  return graph.services.find((s) => s.id === serviceId)?.name ?? serviceId;
}

function nodeName(nodeId: string | null): string {
  return graph.nodes.find((n) => n.id === nodeId)?.hostname ?? nodeId ?? '—';
}

function titleOf(v: Vertex): string {
  if (v.kind !== 'task') return v.label;
  const task = v.item as SwarmTask;
  return `${serviceName(task.serviceId)}.${task.slot ?? task.id.slice(0, 12)}: ${task.state}`;
}

function detailsOf(v: Vertex): [string, Array<[string, string]>] {
  if (v.kind === 'node') {
    const n = v.item as SwarmNode;
    return [
      `Node ${n.hostname}`,
      [
        ['role', n.role + (n.leader ? ' (leader)' : '')],
        ['state', n.state],
        ['availability', n.availability],
        ['id', n.id],
      ],
    ];
  }
  if (v.kind === 'service') {
    const s = v.item as SwarmService;
    return [
      `Service ${s.name}`,
      [
        ['stack', s.stack ?? '—'],
        ['image', s.image],
        ['mode', s.mode],
        ['replicas', `${s.runningReplicas} running of ${s.desiredReplicas}`],
        ['created', s.createdAt],
      ],
    ];
  }
  const t = v.item as SwarmTask;
  return [
    `Task ${serviceName(t.serviceId)}.${t.slot ?? ''}`,
    [
      ['image', t.image],
      ['state', `${t.state} (desired: ${t.desiredState})`],
      ['message', t.message || '—'],
      ['error', t.error ?? '—'],
      ['node', nodeName(t.nodeId)],
      ['created', t.createdAt],
      ['id', t.id],
    ],
  ];
}

const details = document.getElementById('details') as HTMLElement;

function showDetails(key: string): void {
  const v = vertices.get(key);
  if (!v) return hideDetails();
  selectedKey = key;
  const [title, rows] = detailsOf(v);
  (document.getElementById('details-title') as HTMLElement).textContent = title;
  const list = document.getElementById('details-list') as HTMLElement;
  list.replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset['field'] = term;
      return [dt, dd];
    }),
  );
  details.hidden = false;
  vertexLayer.selectAll<SVGGElement, Vertex>('g.vertex').classed('selected', (d) => d.key === key);
}

function hideDetails(): void {
  selectedKey = null;
  details.hidden = true;
  vertexLayer.selectAll<SVGGElement, Vertex>('g.vertex').classed('selected', false);
}

document.getElementById('close-details')?.addEventListener('click', hideDetails);
document.getElementById('filter')?.addEventListener('input', (event) => {
  filterText = (event.target as HTMLInputElement).value.trim().toLowerCase();
  update();
});

function resize(): void {
  const { width, height } = (svg.node() as SVGSVGElement).getBoundingClientRect();
  svg.attr('viewBox', `${-width / 2} ${-height / 2} ${width} ${height}`);
}
window.addEventListener('resize', resize);
resize();

const status = document.getElementById('status') as HTMLElement;
const events = new EventSource('api/events');
events.addEventListener('graph', (event) => {
  graph = JSON.parse((event as MessageEvent<string>).data) as SwarmGraph;
  status.dataset['state'] = 'live';
  status.textContent = `live · ${graph.nodes.length} nodes, ${graph.services.length} services, ${graph.tasks.length} tasks`;
  update();
});
events.addEventListener('error', () => {
  status.dataset['state'] = 'offline';
  status.textContent = 'reconnecting…';
});
