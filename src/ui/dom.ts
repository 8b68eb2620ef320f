/**
 * A tiny element builder. Text always goes in through textContent, never innerHTML, so a
 * member called `<img src=x onerror=…>` is shown as those characters and nothing runs.
 */
type Child = Node | string | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly id?: string;
  readonly title?: string;
  readonly type?: string;
  readonly role?: string;
  readonly ariaLive?: "polite" | "assertive";
  readonly ariaLabel?: string;
  readonly disabled?: boolean;
  readonly hidden?: boolean;
  readonly dataset?: Readonly<Record<string, string>>;
  readonly onClick?: (e: MouseEvent) => void;
  readonly onChange?: (e: Event) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.title) el.title = props.title;
  if (props.type) el.setAttribute("type", props.type);
  if (props.role) el.setAttribute("role", props.role);
  if (props.ariaLive) el.setAttribute("aria-live", props.ariaLive);
  if (props.ariaLabel) el.setAttribute("aria-label", props.ariaLabel);
  if (props.disabled) el.setAttribute("disabled", "");
  if (props.hidden) el.hidden = true;
  for (const [k, v] of Object.entries(props.dataset ?? {})) el.dataset[k] = v;
  if (props.onClick) el.addEventListener("click", props.onClick as EventListener);
  if (props.onChange) el.addEventListener("change", props.onChange);
  append(el, children);
  return el;
}

export function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

export function replaceChildren(el: Element, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}
