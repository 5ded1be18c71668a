import type { NodeColumn, TaskCard } from './node-board-view-model';

/** The node view: one column per node, drawn from toNodeBoard's columns into a container element. */
export class NodeBoard {
  private selectedKey: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (key: string) => void,
  ) {}

  draw(columns: NodeColumn[]): void {
    this.container.replaceChildren(...columns.map((column) => this.column(column)));
    this.select(this.selectedKey);
  }

  select(key: string | null): void {
    this.selectedKey = key;
    this.container.querySelectorAll<HTMLElement>('[data-key]').forEach((element) => {
      element.classList.toggle('selected', element.dataset['key'] === key);
    });
  }

  private column(column: NodeColumn): HTMLElement {
    const section = element('section', 'node-column');
    section.dataset['nodeId'] = column.id ?? '';
    section.classList.toggle('unavailable', !column.available);
    section.setAttribute('aria-label', column.heading);

    const heading = element('h2', 'node-heading', column.heading);
    if (column.id !== null) this.selectable(heading, column.key);
    const facts = element('dl', 'node-facts');
    for (const [term, value] of column.facts) {
      const dd = element('dd', '', value);
      dd.dataset['field'] = term;
      facts.append(element('dt', '', term), dd);
    }
    const tasks = element('ul', 'node-tasks');
    tasks.append(...column.tasks.map((task) => this.card(task)));
    section.append(heading, facts, tasks);
    return section;
  }

  private card(task: TaskCard): HTMLElement {
    const item = element('li', `task-card ${task.phase}`);
    item.dataset['id'] = task.id;
    item.dataset['service'] = task.service;
    item.dataset['phase'] = task.phase;
    item.append(
      element('span', 'task-name', task.name),
      element('span', 'task-image', task.image),
      element('span', 'task-state', task.state),
    );
    this.selectable(item, task.key);
    return item;
  }

  private selectable(target: HTMLElement, key: string): void {
    target.dataset['key'] = key;
    target.tabIndex = 0;
    target.addEventListener('click', () => this.onSelect(key));
    target.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.onSelect(key);
    });
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}
