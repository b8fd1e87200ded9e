// Documentation hosts a reference link may point to. Links anywhere else are refused by
// the knowledge test and never rendered: a hover must not become a way to send users to
// arbitrary sites.
export const DOCUMENTATION_HOSTS: readonly string[] = [
  'www.rfc-editor.org',
  'datatracker.ietf.org',
  'www.iana.org',
  'support.google.com',
  'learn.microsoft.com',
  'sender.office.com',
  'senders.yahooinc.com',
  'postmaster.yahooinc.com',
  'support.apple.com',
  'www.proofpoint.com',
  'ipcheck.proofpoint.com',
  'community.mimecast.com',
  'campus.barracuda.com',
  'www.barracudacentral.org',
  'www.spamhaus.org',
  'check.spamhaus.org',
  'docs.spamhaus.com',
  'www.cisco.com',
  'talosintelligence.com',
  'docs.aws.amazon.com',
  'www.postfix.org',
  'www.exim.org',
  'www.dmarc.org',
  'dmarc.org',
  'www.abuseat.org',
  'www.spamcop.net',
  'postmaster.comcast.net',
  'help.yahoo.com',
  'postmaster.live.com',
];

/** True when `url` is an https link to an allowed documentation host. */
export function isAllowedReferenceUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && DOCUMENTATION_HOSTS.includes(parsed.hostname) && !parsed.username && !parsed.password;
}
