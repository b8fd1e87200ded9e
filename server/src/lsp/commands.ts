// The quick-fix commands, run by the server for editors other than VS Code (the VS Code
// client runs them itself). Uses only what LSP offers: showDocument and messages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { COMMANDS, explainCode, explanationMarkdown, explanationText, isAllowedReferenceUrl, type ProblemData } from '../engine/index';

export class ServerCommands {
  static readonly ids: string[] = Object.values(COMMANDS);
  private dir: string | null = null;

  constructor(private readonly connection: Connection) {}

  private inform(message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message }).catch(() => undefined);
  }

  async execute(command: string, args: unknown[]): Promise<void> {
    const data = args[0] as ProblemData | string | undefined;
    switch (command) {
      case COMMANDS.openRemedy: {
        if (!data || typeof data !== 'object') return;
        const ex = explainCode({ reply: data.reply, enhanced: data.enhanced, text: data.text, context: data.context });
        this.dir ??= mkdtempSync(join(tmpdir(), 'smtp-codes-'));
        const file = join(this.dir, `${ex.code.replace(/[^0-9.]+/g, '-')}.md`);
        writeFileSync(file, `# SMTP ${ex.code}\n\n${explanationMarkdown(ex, data.text)}\n`);
        await this.connection.window.showDocument({ uri: pathToFileURL(file).toString(), takeFocus: true });
        return;
      }
      case COMMANDS.openReference:
        if (typeof data === 'string' && isAllowedReferenceUrl(data)) await this.connection.window.showDocument({ uri: data, external: true });
        return;
      case COMMANDS.copyExplanation: {
        if (!data || typeof data !== 'object') return;
        const ex = explainCode({ reply: data.reply, enhanced: data.enhanced, text: data.text, context: data.context });
        this.inform(explanationText(ex, data.text));
        return;
      }
      case COMMANDS.ignoreCode:
        if (typeof data === 'string') {
          this.inform(`To ignore ${data}, add "${data}" to the smtpCodes.ignoredCodes setting of your editor's LSP configuration.`);
        }
        return;
      default:
        return;
    }
  }
}
