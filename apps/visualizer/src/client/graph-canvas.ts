import { drag } from 'd3-drag';
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type Simulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import { select, type Selection } from 'd3-selection';
import { zoom } from 'd3-zoom';
import type { EdgeView, GraphView, Kind, VertexView } from './graph-view-model';

interface Vertex extends SimulationNodeDatum, VertexView {
  radius: number;
}

interface Edge extends SimulationLinkDatum<Vertex> {
  key: string;
  kind: EdgeView['kind'];
}

const RADIUS: Record<Kind, number> = { node: 26, service: 16, task: 7 };

/** The force-directed drawing of a GraphView in an SVG element, with zoom, drag and selection. */
export class GraphCanvas {
  private readonly links: Selection<SVGGElement, unknown, null, undefined>;
  private readonly vertexLayer: Selection<SVGGElement, unknown, null, undefined>;
  private readonly simulation: Simulation<Vertex, Edge>;
  /** Kept across updates: a vertex keeps its position while the swarm changes. */
  private readonly vertices = new Map<string, Vertex>();
  private selectedKey: string | null = null;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly onSelect: (key: string) => void,
  ) {
    const root = select(svg);
    const viewport = root.append('g');
    // Links first, so that they are drawn beneath the circles.
    this.links = viewport.append('g').attr('class', 'links');
    this.vertexLayer = viewport.append('g').attr('class', 'vertices');
    root.call(
      zoom<SVGSVGElement, unknown>()
        .scaleExtent([0.2, 4])
        .on('zoom', (event) => viewport.attr('transform', event.transform)),
    );
    this.simulation = forceSimulation<Vertex, Edge>()
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
      .on('tick', () => this.tick());
    this.resize();
  }

  resize(): void {
    const { width, height } = this.svg.getBoundingClientRect();
    select(this.svg).attr('viewBox', `${-width / 2} ${-height / 2} ${width} ${height}`);
  }

  select(key: string | null): void {
    this.selectedKey = key;
    this.vertexLayer
      .selectAll<SVGGElement, Vertex>('g.vertex')
      .classed('selected', (v) => v.key === key);
  }

  draw(view: GraphView): void {
    const next = view.vertices.map((spec) => this.vertex(spec));
    const keep = new Set(next.map((v) => v.key));
    for (const key of [...this.vertices.keys()]) if (!keep.has(key)) this.vertices.delete(key);
    const edges = view.edges.map((e): Edge => ({ ...e }));

    this.links
      .selectAll<SVGLineElement, Edge>('line')
      .data(edges, (e) => e.key)
      .join('line')
      .attr('class', (e) => `link ${e.kind}`);

    const groups = this.vertexLayer
      .selectAll<SVGGElement, Vertex>('g.vertex')
      .data(next, (v) => v.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'vertex');
        g.append('circle');
        g.append('text');
        g.append('title');
        g.on('click', (event: MouseEvent, v) => {
          event.stopPropagation();
          this.onSelect(v.key);
        });
        g.call(this.dragBehaviour());
        return g;
      });
    groups
      .attr('data-kind', (v) => v.kind)
      .attr('data-id', (v) => v.data.id)
      .attr('data-name', (v) => v.data.name ?? null)
      .attr('data-service', (v) => v.data.service ?? null)
      .attr('data-phase', (v) => v.data.phase ?? null)
      .classed('selected', (v) => v.key === this.selectedKey);
    groups
      .select('circle')
      .attr('r', (v) => v.radius)
      .attr('class', (v) => v.circleClass);
    groups
      .select('text')
      .attr('x', (v) => v.radius + 4)
      .attr('dy', '0.35em')
      .text((v) => v.label);
    groups.select('title').text((v) => v.title);

    this.simulation.nodes(next);
    this.simulation.force(
      'link',
      forceLink<Vertex, Edge>(edges)
        .id((v) => v.key)
        .distance((e) => (e.kind === 'membership' ? 55 : 130))
        .strength((e) => (e.kind === 'membership' ? 0.7 : 0.05)),
    );
    this.simulation.alpha(0.5).restart();
  }

  private vertex(spec: VertexView): Vertex {
    const existing = this.vertices.get(spec.key);
    if (existing) return Object.assign(existing, spec);
    const created: Vertex = {
      ...spec,
      radius: RADIUS[spec.kind],
      x: Math.random() * 200 - 100,
      y: Math.random() * 200 - 100,
    };
    this.vertices.set(spec.key, created);
    return created;
  }

  private dragBehaviour() {
    return drag<SVGGElement, Vertex>()
      .on('start', (event, v) => {
        if (!event.active) this.simulation.alphaTarget(0.2).restart();
        v.fx = v.x;
        v.fy = v.y;
      })
      .on('drag', (event, v) => {
        v.fx = event.x;
        v.fy = event.y;
      })
      .on('end', (event, v) => {
        if (!event.active) this.simulation.alphaTarget(0);
        v.fx = null;
        v.fy = null;
      });
  }

  private tick(): void {
    this.links
      .selectAll<SVGLineElement, Edge>('line')
      .attr('x1', (e) => (e.source as Vertex).x ?? 0)
      .attr('y1', (e) => (e.source as Vertex).y ?? 0)
      .attr('x2', (e) => (e.target as Vertex).x ?? 0)
      .attr('y2', (e) => (e.target as Vertex).y ?? 0);
    this.vertexLayer
      .selectAll<SVGGElement, Vertex>('g.vertex')
      .attr('transform', (v) => `translate(${v.x ?? 0},${v.y ?? 0})`);
  }
}
