// User settings (`smtpCodes.*`) as plain data, with defaults and validation: a value of the
// wrong type falls back to its default and is reported once, never crashes the server.

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
  severity: {
    permanent: SeverityName;
    transient: SeverityName;
    /** Successes and intermediate replies (2xx, 3xx). */
    success: SeverityName;
    /** Deferrals of a recipient that was delivered later in the same file. */
    deliveredLater: SeverityName;
  };
  /** Diagnostics per file before the rest are summarised in one. */
  maxProblems: number;
  /** `550`, `5.1.1`, `X.1.1` or `550 5.1.1`: findings matching one are not reported. */
  ignoredCodes: string[];
  /** Language ids scanned besides mail-log, eml and log (e.g. `plaintext`). */
  extraLanguages: string[];
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  severity: Object.freeze({ permanent: 'error', transient: 'warning', success: 'off', deliveredLater: 'hint' }) as Settings['severity'],
  maxProblems: 1000,
  ignoredCodes: [],
  extraLanguages: [],
  inlayHints: false,
});

const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface SettingsResult {
  settings: Settings;
  /** One message per invalid value, naming the setting and the default used instead. */
  problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads raw configuration (the `smtpCodes` section as the client sends it: nested objects,
 * or flat dotted keys) into validated settings.
 */
export function readSettings(raw: unknown): SettingsResult {
  const problems: string[] = [];
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('smtpCodes settings must be an object; using the defaults');
  const root = isRecord(raw) ? raw : {};
  const get = (path: string): unknown => {
    if (path in root) return root[path];
    let cur: unknown = root;
    const parts = path.split('.');
    for (let i = 0; i < parts.length; i++) {
      if (!isRecord(cur)) {
        // `"severity": "loud"`: a group that is not an object is a wrong type too, not an absence.
        if (i > 0 && cur !== undefined && cur !== null) {
          const group = `smtpCodes.${parts.slice(0, i).join('.')} must be an object; using its defaults`;
          if (!problems.includes(group)) problems.push(group);
        }
        return undefined;
      }
      cur = cur[parts[i]];
    }
    return cur;
  };
  const severity = (name: keyof Settings['severity']): SeverityName => {
    const v = get(`severity.${name}`);
    if (v === undefined || v === null) return DEFAULT_SETTINGS.severity[name];
    if (typeof v === 'string' && (SEVERITIES as string[]).includes(v)) return v as SeverityName;
    problems.push(`smtpCodes.severity.${name} must be one of ${SEVERITIES.join(', ')}; using "${DEFAULT_SETTINGS.severity[name]}"`);
    return DEFAULT_SETTINGS.severity[name];
  };
  const stringList = (path: string, fallback: string[]): string[] => {
    const v = get(path);
    if (v === undefined || v === null) return fallback;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    problems.push(`smtpCodes.${path} must be a list of strings; using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  let maxProblems = DEFAULT_SETTINGS.maxProblems;
  const mp = get('maxProblems');
  if (mp !== undefined && mp !== null) {
    if (typeof mp === 'number' && Number.isInteger(mp) && mp >= 0) maxProblems = mp;
    else problems.push(`smtpCodes.maxProblems must be a whole number >= 0; using ${DEFAULT_SETTINGS.maxProblems}`);
  }
  let inlayHints = DEFAULT_SETTINGS.inlayHints;
  const ih = get('inlayHints.enabled');
  if (ih !== undefined && ih !== null) {
    if (typeof ih === 'boolean') inlayHints = ih;
    else problems.push(`smtpCodes.inlayHints.enabled must be true or false; using ${DEFAULT_SETTINGS.inlayHints}`);
  }
  return {
    settings: {
      severity: { permanent: severity('permanent'), transient: severity('transient'), success: severity('success'), deliveredLater: severity('deliveredLater') },
      maxProblems,
      ignoredCodes: stringList('ignoredCodes', []),
      extraLanguages: stringList('extraLanguages', []),
      inlayHints,
    },
    problems,
  };
}
