// The few DOM types the page-side functions of the UI tests use. The project compiles without
// the DOM library (it is Node code), so functions passed to page.evaluate read their globals as
// `globalThis as unknown as PageWindow`; these are types only, erased before the function is
// serialised into the page.
export interface PageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageNode {
  textContent: string | null;
  /** Rendered text (elements only). */
  innerText?: string;
  firstChild: PageNode | null;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
}

export interface PageWindow {
  document: {
    querySelectorAll(selector: string): Iterable<PageNode>;
    getAnimations(): PageAnimation[];
    createRange(): { setStart(node: PageNode, offset: number): void; setEnd(node: PageNode, offset: number): void; getBoundingClientRect(): PageRect };
  };
  getComputedStyle(node: PageNode): { color: string };
}

export interface PageAnimation {
  effect: { getTiming(): { iterations?: number } } | null;
  finished: Promise<unknown>;
}
