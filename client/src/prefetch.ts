// Names a big log to the server as soon as its tab opens, before VS Code has handed the text to
// the extension host (seconds, for tens of MB): the server reads it from disk meanwhile and has
// its problems ready when the document arrives (server/src/lsp/prefetch.ts).
import * as vscode from 'vscode';
import { EDITOR_LIMIT } from './scanResults';

/** Below this the server reads a document as fast as it arrives. */
const BIG = 4 << 20;
/** Names of logs the server reads: mail-log names, rotated and dated ones, `.log`. */
const LOG_NAME = /(?:\.log|\.maillog|^(?:mail|maillog|mainlog|rejectlog|paniclog|exim_)[^/]*)$/i;

export function prefetchBigLogs(send: (uri: string) => void): vscode.Disposable {
  /** Files named to the server whose document has not arrived yet. */
  const asked = new Set<string>();
  const arrived = vscode.workspace.onDidOpenTextDocument((d) => asked.delete(d.uri.toString()));
  const tabs = vscode.window.tabGroups.onDidChangeTabs((e) => {
    for (const tab of [...e.opened, ...e.changed]) {
      if (!(tab.input instanceof vscode.TabInputText) || tab.input.uri.scheme !== 'file') continue;
      const uri = tab.input.uri;
      const key = uri.toString();
      if (asked.has(key) || !LOG_NAME.test(uri.path.slice(uri.path.lastIndexOf('/') + 1))) continue;
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) continue;
      asked.add(key);
      void Promise.resolve(vscode.workspace.fs.stat(uri)).then(
        (stat) => {
          if (stat.size >= BIG && stat.size < EDITOR_LIMIT) send(key);
          else asked.delete(key);
        },
        () => asked.delete(key),
      );
    }
  });
  return vscode.Disposable.from(arrived, tabs);
}
