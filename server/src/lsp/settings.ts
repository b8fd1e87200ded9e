// Settings from the client: pulled per document with workspace/configuration when the
// client supports it, else taken from initializationOptions and didChangeConfiguration.
// Invalid values fall back to defaults; each problem is reported to the user once.
import { MessageType, ShowMessageNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver/node';
import { readSettings, type Settings } from '../engine/index';

export class SettingsStore {
  private pull = false;
  private dynamicRegistration = false;
  private global: Settings = readSettings(undefined).settings;
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {}

  initialize(capabilities: ClientCapabilities, initial: unknown): void {
    this.pull = capabilities.workspace?.configuration === true;
    this.dynamicRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    if (initial !== undefined) this.global = this.read(initial);
  }

  get canRegisterForChanges(): boolean {
    return this.pull && this.dynamicRegistration;
  }

  /** didChangeConfiguration: push-style clients send the settings; pull-style ones are asked again. */
  changed(pushed: unknown): void {
    this.perDocument.clear();
    const section = (pushed as { smtpCodes?: unknown } | null)?.smtpCodes;
    if (section !== undefined) this.global = this.read(section);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  forDocument(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.perDocument.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'smtpCodes' })
        .then((raw) => this.read(raw))
        .catch(() => this.global);
      this.perDocument.set(uri, p);
    }
    return p;
  }

  private read(raw: unknown): Settings {
    const { settings, problems } = readSettings(raw);
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      // A notification, not a request: nothing to wait for, nothing to fail.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `SMTP Codes: ${problem}` }).catch(() => undefined);
    }
    return settings;
  }
}
