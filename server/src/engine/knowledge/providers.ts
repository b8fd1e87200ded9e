// Large receivers, filters and blocklists that document their own replies. A provider is
// recognised from the reply text or the log line; its documented responses give a more
// specific explanation than the registry can. Written in our own words.
import type { ProviderEntry } from './schema';

export const PROVIDERS: readonly ProviderEntry[] = [
  {
    id: 'gmail',
    name: 'Gmail / Google Workspace',
    detect: ['gsmtp', 'support.google.com/mail', 'aspmx.l.google.com', 'gmail-smtp-in.l.google.com', 'googlemail.com', 'smtp-relay.gmail.com'],
    page: { title: 'Gmail SMTP errors and codes', url: 'https://support.google.com/a/answer/3726730' },
    responses: [
      {
        id: 'gmail-5.7.26',
        codes: ['5.7.26'],
        title: 'Gmail: unauthenticated sender',
        advice: {
          summary: 'Gmail refused the message because it is not authenticated for its From domain',
          explanation:
            'Gmail requires every sender to pass SPF or DKIM, and bulk senders to pass DMARC. This message did not authenticate for the domain in its From header, and that domain publishes a DMARC policy that tells receivers to reject such mail.',
          actors: ['sender-admin'],
          causes: [
            'The sending server or service is missing from the SPF record of the domain.',
            'Outgoing mail is not DKIM-signed with the From domain, or the signature breaks in transit.',
            'A third-party service (newsletter, CRM, ticketing) sends with your From domain without being set up for it.',
          ],
          remedies: [
            'Add every server and service that sends for the domain to its SPF record.',
            'Turn on DKIM signing with the From domain (for Google Workspace: Admin console, Apps, Gmail, Authenticate email).',
            'Make sure SPF or DKIM aligns with the From domain, then check the DMARC result in Gmail\'s "Show original".',
          ],
          reason: 'sender-authentication',
        },
        references: [
          { title: 'Gmail email sender guidelines', url: 'https://support.google.com/mail/answer/81126' },
          { title: 'Gmail SMTP errors and codes', url: 'https://support.google.com/a/answer/3726730' },
        ],
      },
    ],
  },
];
