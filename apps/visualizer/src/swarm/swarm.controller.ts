import {
  Controller,
  Get,
  type MessageEvent,
  ServiceUnavailableException,
  Sse,
} from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { SwarmGraph } from './swarm-graph.model';
import { SwarmWatcher } from './swarm-watcher.service';

@Controller('api')
export class SwarmController {
  constructor(private readonly watcher: SwarmWatcher) {}

  @Get('graph')
  graph(): SwarmGraph {
    const graph = this.watcher.current;
    if (!graph) throw new ServiceUnavailableException('the swarm has not been read yet');
    return graph;
  }

  /** Server-sent events: the graph now, then each time it changes. */
  @Sse('events')
  events(): Observable<MessageEvent> {
    return this.watcher.changes.pipe(map((graph) => ({ type: 'graph', data: graph })));
  }
}
