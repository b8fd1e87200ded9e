// The trail of a message in the editor: references, document highlights, definition and the
// hover on a queue ID, Message-ID or envelope address in a log, and on the returned message's
// queue ID, envelope ID or Message-ID in a bounce. Hovers and highlights read the open documents
// (in memory, fast); references and definitions also read the workspace's mail logs on disk
// (rotated siblings too), streaming, async and cancellable, with a cap on the bytes read.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  bounceTrailTokenAt,
  EDITOR_LIMITS,
  traceTexts,
  trailHoverMarkdown,
  trailTokenAt,
  type TrailLine,
  type TrailQuery,
  type TrailResult,
} from '../engine/index';
import { readingOrder } from '../cli/inputs';
import { findMailLogs } from '../io/workspaceLogs';
import { traceInputs, type TraceInput } from '../io/trace';
import type { DocumentStore, OpenDocument } from './documents';
import { hoverToLsp, trailHighlightsToLsp, trailLineToLocation, type TrailTarget } from './convert';
import type { DocumentHighlight, Hover, Location, Position } from 'vscode-languageserver/node';

/** Bytes read from disk for one request, over all passes. */
const MAX_DISK_BYTES = 1 << 30;
/** How long the list of the workspace's logs is reused. */
const WALK_TTL_MS = 30000;

interface Source {
  /** The document's URI, or the file's. */
  uri: string;
  input: TraceInput;
}

interface Asked {
  query: TrailQuery;
  start: number;
  end: number;
  /** A log: the trail starts at this line's message run. A bounce: at every message with the ID. */
  log: boolean;
}

function pathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export class TrailService {
  private folders: string[] = [];
  private walked: { at: number; files: string[] } | null = null;
  /** The last trails read from the open documents, by query, place and document versions. */
  private readonly cache = new Map<string, { result: TrailResult; uris: string[] }>();

  constructor(
    private readonly store: DocumentStore,
    private readonly log: (message: string) => void,
  ) {}

  /** The workspace folders (file system paths) whose mail logs references read. */
  setWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.map(pathOf).filter((p): p is string => p !== null);
    this.walked = null;
  }

  /** The query under a position of an open document, if any. */
  private askedAt(entry: OpenDocument, position: Position): Asked | null {
    if (entry.lines) {
      if (position.line < 0 || position.line >= entry.lines.lineCount) return null;
      const t = trailTokenAt(entry.lines.lineText(position.line).replace(/\r$/, ''), position.character);
      return t ? { query: { value: t.value, kind: t.kind }, start: t.start, end: t.end, log: true } : null;
    }
    if (!entry.doc) return null;
    const text = entry.doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const report = this.store.analysis(entry).report;
    // A document of another language that reads as a log (no language id for mail logs, as in Neovim).
    const t = report ? bounceTrailTokenAt(report, text, position.character) : trailTokenAt(text, position.character);
    return t ? { query: { value: t.value, kind: t.kind }, start: t.start, end: t.end, log: !report } : null;
  }

  /** Open logs (then bounces) as texts in memory; `stable`: as they are now, for a reader that waits between pieces. */
  private openSources(stable = false): { logs: Map<string, Source>; bounces: Source[] } {
    const logs = new Map<string, Source>();
    const bounces: Source[] = [];
    for (const e of this.store.all()) {
      if (e.lines) {
        const lines = e.lines;
        logs.set(pathOf(e.uri) ?? e.uri, { uri: e.uri, input: { text: { pieces: () => lines.pieces(stable) } } });
      } else if (e.doc) {
        const source = { uri: e.uri, input: { text: e.doc.getText() } };
        if (this.store.analysis(e).report) bounces.push(source);
        else logs.set(pathOf(e.uri) ?? e.uri, source);
      }
    }
    return { logs, bounces };
  }

  /** Logs in reading order (the oldest rotated log first, keyed by path), then bounces. */
  private ordered(logs: Map<string, Source>, bounces: Source[]): Source[] {
    return [...readingOrder([...logs.keys()]).map((k) => logs.get(k)!), ...bounces];
  }

  /** The trail of the token at a position, from the open documents (cached per document versions). */
  private local(uri: string, position: Position, light = false): { asked: Asked; result: TrailResult; uris: string[] } | null {
    const entry = this.store.get(uri);
    if (!entry) return null;
    const asked = this.askedAt(entry, position);
    if (!asked) return null;
    const limits = light && asked.query.kind !== 'id' ? { ...EDITOR_LIMITS, maxIds: 1, maxPasses: 1 } : EDITOR_LIMITS;
    const versions = this.store
      .all()
      .map((e) => `${e.uri}@${e.version}`)
      .join('|');
    const key = `${asked.query.kind}:${asked.query.value}|${asked.log ? `${uri}:${position.line}` : ''}|${limits.maxIds}|${versions}`;
    // The cursor on another line of the same trail (moving down a message's lines): the same trail.
    const query = `${asked.query.kind}:${asked.query.value}|`;
    const sameTrail = (k: string, v: { result: TrailResult; uris: string[] }) =>
      asked.log && k.startsWith(query) && k.endsWith(`|${limits.maxIds}|${versions}`) && v.result.trails.length === 1 && v.result.trails[0].lines.some((l) => l.line === position.line && v.uris[l.source] === uri);
    let hit = this.cache.get(key) ?? [...this.cache].find(([k, v]) => sameTrail(k, v))?.[1];
    if (!hit) {
      const open = this.openSources();
      const sources = this.ordered(open.logs, open.bounces);
      const source = sources.findIndex((s) => s.uri === uri);
      const anchor = asked.log && source >= 0 ? { source, line: position.line } : undefined;
      const result = traceTexts(
        sources.map((s) => ('text' in s.input ? s.input.text : '')),
        asked.query,
        anchor,
        limits,
      );
      hit = { result, uris: sources.map((s) => s.uri) };
      if (this.cache.size >= 4) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, hit);
    }
    return { asked, ...hit };
  }

  highlights(uri: string, position: Position): DocumentHighlight[] | null {
    // Asked on every move of the cursor: an address or a Message-ID is only highlighted where it
    // is written (its messages may be many); a queue ID's whole trail is.
    const found = this.local(uri, position, true);
    if (!found) return null;
    const q = found.asked.query;
    const lines: TrailLine[] = [];
    for (const t of found.result.trails) {
      for (const l of t.lines) {
        if (found.uris[l.source] !== uri) continue;
        // An address or a Message-ID: where it is written, not the IDs of its messages.
        lines.push(q.kind === 'id' ? l : { ...l, marks: l.marks.filter(([a, b]) => l.text.slice(a, b) === q.value) });
      }
    }
    return trailHighlightsToLsp(lines);
  }

  hover(uri: string, position: Position): Hover | null {
    const found = this.local(uri, position);
    if (!found || found.asked.query.kind !== 'id') return null;
    const where = (l: TrailLine) => (found.uris[l.source] === uri ? `line ${l.line + 1}` : `${decodeURIComponent(found.uris[l.source].replace(/^.*\//, ''))}:${l.line + 1}`);
    const markdown = trailHoverMarkdown(found.result, found.asked.query.value, where);
    if (!markdown) return null;
    return hoverToLsp({ range: { start: { line: position.line, character: found.asked.start }, end: { line: position.line, character: found.asked.end } }, markdown });
  }

  /** The workspace's mail logs on disk (cached for a while). */
  private async workspaceLogs(isCancelled: () => boolean): Promise<string[]> {
    if (this.walked && Date.now() - this.walked.at < WALK_TTL_MS) return this.walked.files;
    const files = this.folders.length ? await findMailLogs(this.folders, isCancelled) : [];
    if (!isCancelled()) this.walked = { at: Date.now(), files };
    return files;
  }

  /** The trail over the open documents and the workspace's logs on disk. */
  private async everywhere(uri: string, position: Position, isCancelled: () => boolean): Promise<{ asked: Asked; result: TrailResult; uris: string[] } | null> {
    const entry = this.store.get(uri);
    if (!entry) return null;
    const asked = this.askedAt(entry, position);
    if (!asked) return null;
    const open = this.openSources(true);
    const openPaths = new Set([...open.logs.values(), ...open.bounces].map((s) => pathOf(s.uri)).filter(Boolean));
    const disk = (await this.workspaceLogs(isCancelled)).filter((p) => !openPaths.has(p));
    for (const p of disk) open.logs.set(p, { uri: pathToFileURL(p).toString(), input: { path: p } });
    const sources = this.ordered(open.logs, open.bounces);
    const source = sources.findIndex((s) => s.uri === uri);
    const result = await traceInputs(
      sources.map((s) => s.input),
      asked.query,
      {
        limits: EDITOR_LIMITS,
        anchor: asked.log && source >= 0 ? { source, line: position.line } : undefined,
        isCancelled,
        maxBytes: MAX_DISK_BYTES,
        onError: (path, message) => this.log(`smtp-codes: trail: ${path}: ${message}`),
      },
    );
    return { asked, result, uris: sources.map((s) => s.uri) };
  }

  async references(uri: string, position: Position, includeDeclaration: boolean, isCancelled: () => boolean): Promise<Location[] | null> {
    const found = await this.everywhere(uri, position, isCancelled);
    if (!found || isCancelled()) return null;
    const out: Location[] = [];
    const seen = new Set<string>();
    const add = (target: TrailTarget) => {
      const key = `${target.uri}#${target.line.line}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(trailLineToLocation(target));
    };
    // In a bounce, its own token is the declaration.
    if (includeDeclaration && !found.asked.log) add({ uri, line: { source: -1, line: position.line, text: '', marks: [[found.asked.start, found.asked.end]] } });
    for (const t of found.result.trails) for (const l of t.lines) add({ uri: found.uris[l.source], line: l });
    return out;
  }

  /** Where the named message starts: the first line of its run (of the first message the query names). */
  async definition(uri: string, position: Position, isCancelled: () => boolean): Promise<Location | null> {
    const found = await this.everywhere(uri, position, isCancelled);
    if (!found || isCancelled()) return null;
    const q = found.asked.query;
    for (const t of found.result.trails) {
      const m = q.kind === 'id' ? t.messages.find((x) => x.id === q.value) : t.messages[0];
      if (m) return trailLineToLocation({ uri: found.uris[m.first.source], line: m.first });
    }
    return null;
  }
}
