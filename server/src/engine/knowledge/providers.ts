// Large receivers, filters and blocklists that document their own replies. A provider is
// recognised from the reply text or the log line; its documented responses give a more
// specific explanation than the registry can. Written in our own words.
//
// Order matters twice:
// - Providers: the first whose `detect` string occurs wins. Filters and blocklists name
//   themselves in the reply text (lookup URLs), while mailbox providers are often only
//   recognised from the recipient domain or relay host in the log line, so the filters come
//   before Microsoft, Yahoo and Apple. Gmail's "gsmtp" marker is unambiguous and comes first.
// - Responses: the first response whose codes and text match wins, so specific text
//   matches come before general ones for the same code.
import type { ProviderEntry, Reference } from './schema';

// ---- Google ----------------------------------------------------------------------------
const G_ERRORS: Reference = { title: 'Gmail SMTP errors and codes', url: 'https://support.google.com/a/answer/3726730' };
const G_ABOUT: Reference = { title: 'Google Workspace: about SMTP error messages', url: 'https://support.google.com/a/answer/3221692' };
const G_SENDER: Reference = { title: 'Gmail email sender guidelines', url: 'https://support.google.com/mail/answer/81126' };
const G_BLOCKED: Reference = { title: 'Why has Gmail blocked my messages?', url: 'https://support.google.com/mail/answer/188131' };
const G_RELAY: Reference = { title: 'Google Workspace SMTP relay service error messages', url: 'https://support.google.com/a/answer/6140680' };
const G_SEND_LIMITS: Reference = { title: 'Gmail sending limits in Google Workspace', url: 'https://support.google.com/a/answer/166852' };
const G_RECV_LIMITS: Reference = { title: 'Gmail receiving limits in Google Workspace', url: 'https://support.google.com/a/answer/1366776' };
const G_TLS: Reference = { title: 'Gmail: email encryption in transit', url: 'https://support.google.com/mail/answer/6330403' };
const G_ALLOWLIST: Reference = { title: 'Google Workspace: allowlists, denylists and approved senders', url: 'https://support.google.com/a/answer/60752' };
const G_ADMIN_POLICY: Reference = { title: 'Google Workspace: mail policies set by an administrator', url: 'https://support.google.com/a/answer/172179' };
const G_APP_PASSWORDS: Reference = { title: 'Google Account: sign in with app passwords', url: 'https://support.google.com/accounts/answer/185833' };
const G_ATTACHMENTS: Reference = { title: 'Gmail: attachment size limits', url: 'https://support.google.com/mail/answer/6584' };

export const PROVIDERS: readonly ProviderEntry[] = [
  {
    id: 'gmail',
    name: 'Gmail / Google Workspace',
    detect: [
      'gsmtp',
      'support.google.com/mail',
      'aspmx.l.google.com',
      'gmail-smtp-in.l.google.com',
      'smtp.google.com',
      'googlemail.com',
      'smtp-relay.gmail.com',
    ],
    page: G_ERRORS,
    responses: [
      // -- Recipient ------------------------------------------------------------------------
      {
        id: 'gmail-5.1.1',
        codes: ['5.1.1'],
        title: 'Gmail: no such account',
        advice: {
          summary: 'The Gmail or Google Workspace address does not exist',
          explanation:
            'Google looked the address up and found no account for it. Gmail only sends this for addresses it is sure about, so trying again later will not help.',
          actors: ['sender'],
          causes: [
            'A typo in the address, often in the part before the @ sign.',
            'The account was deleted, or a Workspace user was removed or renamed.',
            'An old address on a mailing list that was never cleaned.',
          ],
          remedies: [
            'Check the spelling of the address with the recipient by another channel.',
            'Remove the address from mailing lists and suppress it in your sending platform.',
            'For a Workspace domain you manage, check in the Admin console that the user or alias still exists.',
          ],
          reason: 'user-unknown',
        },
        references: [G_ERRORS],
      },
      {
        id: 'gmail-5.2.1-disabled',
        codes: ['5.2.1'],
        textIncludes: ['is disabled', 'is inactive'],
        title: 'Gmail: account disabled or inactive',
        advice: {
          summary: 'The Gmail account exists but is disabled or inactive and takes no mail',
          explanation:
            'The address belongs to a Google account that has been suspended, disabled, or left unused for so long that Google stopped delivering to it.',
          actors: ['sender', 'recipient'],
          causes: [
            'The owner abandoned the account and Google marked it inactive.',
            'Google or a Workspace administrator suspended the account.',
          ],
          remedies: [
            'Treat the address as dead: remove it from lists and stop sending to it.',
            'Ask the recipient for a current address through another channel.',
          ],
          reason: 'mailbox-disabled',
        },
        references: [G_ERRORS],
      },
      {
        id: 'gmail-relay-peak',
        codes: ['4.2.1'],
        textIncludes: ['peak smtp relay limit'],
        title: 'Gmail SMTP relay: peak rate limit',
        advice: {
          summary: 'Google Workspace SMTP relay is throttling your organisation for sending too fast',
          explanation:
            'Mail sent through smtp-relay.gmail.com is counted per Workspace customer. Your organisation passed the short-term peak rate, so the relay defers messages for a while. Deferred mail is retried and normally goes out later.',
          actors: ['sender-admin'],
          causes: [
            'A burst of mail from an application, scanner or bulk job that uses the relay.',
            'A compromised device or account sending through the relay.',
          ],
          remedies: [
            'Let the sending server retry; spread large jobs over a longer time.',
            'Find which device or app causes the burst in the relay logs and slow it down.',
            'Move bulk or marketing mail to a service made for volume instead of the Workspace relay.',
          ],
          reason: 'rate-limited',
        },
        references: [G_RELAY, G_ERRORS],
      },
      {
        id: 'gmail-receiving-too-fast',
        codes: ['4.2.1', '5.2.1'],
        textIncludes: ['receiving mail too quickly', 'receiving email too quickly', 'receiving mail at a rate', 'receiving email at a rate'],
        title: 'Gmail: recipient receiving mail too fast',
        advice: {
          summary: 'The Gmail recipient is getting more mail than Gmail will accept right now',
          explanation:
            'Gmail limits how fast one mailbox can receive. This recipient is over that limit, usually because many messages are arriving at once, and Gmail asks senders to come back later. The limit is about the recipient, not about your reputation.',
          actors: ['nobody', 'sender'],
          causes: [
            'Many messages to the same recipient in a short time (alerts, notifications, a loop).',
            'The recipient is being flooded by other senders.',
            'A forwarding rule or auto-reply loop feeding the mailbox.',
          ],
          remedies: [
            'Let your server retry; most deferred messages are delivered later.',
            'Batch or rate-limit automated messages to a single recipient.',
            'If a 5.2.1 keeps coming back, tell the recipient their mailbox is overloaded and check for loops.',
          ],
          reason: 'rate-limited',
        },
        references: [G_ERRORS, G_RECV_LIMITS],
      },
      {
        id: 'gmail-over-quota',
        codes: ['4.2.2', '5.2.2'],
        title: 'Gmail: recipient out of storage',
        advice: {
          summary: 'The Gmail recipient has used up their Google storage and cannot receive mail',
          explanation:
            'Gmail shares storage with Google Drive and Photos. The recipient has no space left, so new mail is refused until they free space or buy more. A 4.2.2 is retried; a 5.2.2 means Google gave up, often because the full account also looks abandoned.',
          actors: ['recipient'],
          causes: [
            'The recipient filled their Google storage with mail, Drive files or photos.',
            'The account is full and no longer used.',
          ],
          remedies: [
            'Tell the recipient by another channel that their Google storage is full.',
            'Let your server retry a 4.2.2; resend a 5.2.2 once the recipient has freed space.',
            'If the full mailbox persists for weeks, treat the address as inactive.',
          ],
          reason: 'mailbox-full',
        },
        references: [G_ERRORS],
      },
      {
        id: 'gmail-relay-daily-limit',
        codes: ['5.4.5', '5.7.1'],
        textIncludes: ['daily smtp relay limit', 'daily smtp relay sending limit'],
        title: 'Gmail SMTP relay: daily limit reached',
        advice: {
          summary: 'A Workspace user or customer has reached the daily SMTP relay limit',
          explanation:
            'The Google Workspace SMTP relay counts messages and recipients per user and per organisation over a rolling day. That count is used up, so the relay refuses more mail until it recovers.',
          actors: ['sender-admin'],
          causes: [
            'Bulk or application mail routed through the Workspace relay.',
            'A device or account that was compromised and is sending spam through the relay.',
          ],
          remedies: [
            'Find the user or device behind the volume in the relay logs and stop unexpected sending.',
            'Wait for the rolling window to free up, then resend the failed messages.',
            'Move high-volume mail to a dedicated sending service.',
          ],
          reason: 'rate-limited',
        },
        references: [G_RELAY, G_SEND_LIMITS],
      },
      {
        id: 'gmail-5.4.5-sending-quota',
        codes: ['5.4.5'],
        title: 'Gmail: daily sending limit exceeded',
        advice: {
          summary: 'The Gmail or Workspace account that sent this has hit its daily sending limit',
          explanation:
            'This bounce comes from Google as your own mail provider, not from the recipient. Each Gmail and Workspace account may send only a limited number of messages and recipients per day; the account is over it and is blocked from sending for up to a day.',
          actors: ['sender', 'sender-admin'],
          causes: [
            'Sending a newsletter or mass mailing from a normal mailbox.',
            'Many recipients per message, or many external recipients in a day.',
            'A compromised account sending spam.',
          ],
          remedies: [
            'Wait until the limit resets (up to 24 hours), then resend.',
            'If the volume is unexpected, change the account password and check for a compromise.',
            'Send bulk mail through a service built for it rather than a personal mailbox.',
          ],
          reason: 'rate-limited',
        },
        references: [G_SEND_LIMITS, G_ERRORS],
      },
      // -- Reputation, spam and rate of unwanted mail ---------------------------------------
      {
        id: 'gmail-4.7.28-message-id',
        codes: ['4.7.28'],
        textIncludes: ['same message-id'],
        title: 'Gmail: too many copies with the same Message-ID',
        advice: {
          summary: 'Gmail is deferring mail because too many messages share one Message-ID',
          explanation:
            'Every message should carry its own Message-ID header. Gmail saw an unusual number of messages with the same one, which looks like a loop or a broken sender, and temporarily refuses more of them.',
          actors: ['sender-admin'],
          causes: [
            'An application that reuses a fixed Message-ID for every message.',
            'A mail loop resending the same message over and over.',
          ],
          remedies: [
            'Make the sending software generate a unique Message-ID for each message.',
            'Look for loops (forwarding rules, auto-replies) that resend the same message.',
          ],
          reason: 'policy',
        },
        references: [G_ERRORS, G_BLOCKED],
      },
      {
        id: 'gmail-4.7.28',
        codes: ['4.7.28'],
        title: 'Gmail: rate limited for unsolicited mail',
        advice: {
          summary: 'Gmail is slowing down your mail because too much of it looks unwanted',
          explanation:
            'Gmail tracks how much mail from your IP address, network, DKIM domain, SPF domain or linked URLs its users treat as spam. That rate is unusually high, so Gmail temporarily accepts less of your mail. Retrying alone does not fix the cause.',
          actors: ['sender-admin'],
          causes: [
            'High spam-complaint rate: recipients mark the mail as spam.',
            'Mail to purchased, scraped or stale lists, or without clear consent.',
            'A sudden jump in volume from a new IP address or domain.',
            'A compromised account or form sending spam from your systems.',
          ],
          remedies: [
            'Check spam rate and reputation in Google Postmaster Tools for your domain.',
            'Stop sending to people who did not opt in and remove inactive addresses.',
            'Add a one-click unsubscribe and keep the complaint rate well under 0.3%.',
            'Ramp up volume gradually and let the deferred mail retry slowly.',
          ],
          reason: 'rate-limited',
        },
        references: [G_SENDER, G_BLOCKED],
      },
      {
        id: 'gmail-unsolicited-rate-temporary',
        codes: ['4.7.0'],
        textIncludes: ['unusual rate of unsolicited mail', 'unusual rate of mail'],
        title: 'Gmail: temporarily blocked for unsolicited mail',
        advice: {
          summary: 'Gmail temporarily refuses your IP because too much of its mail looks like spam',
          explanation:
            'Gmail saw an unusually high rate of unwanted mail from your sending IP address and is deferring its mail for now. The block lifts when the rate of unwanted mail drops.',
          actors: ['sender-admin'],
          causes: [
            'Recipients report the mail as spam or never asked for it.',
            'A compromised account, script or web form sending spam through the same IP.',
            'Shared IP with other senders whose mail is unwanted.',
          ],
          remedies: [
            'Find and stop any unexpected mail from the IP (check queues and authenticated senders).',
            'Check reputation and spam rate in Google Postmaster Tools.',
            'Send only to opted-in recipients, then let the deferred mail retry slowly.',
          ],
          reason: 'rate-limited',
        },
        references: [G_BLOCKED, G_SENDER],
      },
      {
        id: 'gmail-unsolicited-rate-blocked',
        codes: ['5.7.28', '5.7.1'],
        textIncludes: ['unusual rate of unsolicited mail', 'unusual rate of mail'],
        title: 'Gmail: blocked for unsolicited mail',
        advice: {
          summary: 'Gmail blocked mail from your IP because of its high rate of unwanted mail',
          explanation:
            'Gmail has judged that a large share of the mail from your sending IP address is unsolicited and now rejects it outright. This is a reputation block on the source, not a problem with one message.',
          actors: ['sender-admin'],
          causes: [
            'Sustained spam complaints or spam-trap hits from this IP.',
            'A compromised account or open relay sending spam.',
            'Bulk mail to recipients who did not opt in.',
          ],
          remedies: [
            'Stop all unexpected mail from the IP and fix any compromise first.',
            'Clean the list: opted-in recipients only, remove bounces and inactive addresses.',
            'Watch IP and domain reputation in Google Postmaster Tools, then resume slowly.',
            'If you fixed the cause and still cannot deliver, use Google\'s bulk sender contact form linked from the sender guidelines.',
          ],
          reason: 'blocked',
        },
        references: [G_SENDER, G_BLOCKED],
      },
      {
        id: 'gmail-low-reputation',
        codes: ['4.7.0', '5.7.1'],
        textIncludes: ['very low reputation'],
        title: 'Gmail: very low sender reputation',
        advice: {
          summary: 'Gmail refused the message because your sending IP or domain has very low reputation',
          explanation:
            'Gmail rates every sending IP address and domain from how its users treat their mail. Yours is rated so low that Gmail defers (4.7.0) or blocks (5.7.1) mail from it.',
          actors: ['sender-admin'],
          causes: [
            'Many recipients mark your mail as spam or delete it unread.',
            'Mail to old, bought or scraped addresses, with spam-trap hits.',
            'A new IP or domain that started sending in volume without warming up.',
            'Missing or broken SPF, DKIM or DMARC, so reputation cannot be tied to your domain.',
          ],
          remedies: [
            'Check the IP and domain reputation dashboards in Google Postmaster Tools.',
            'Send only to engaged, opted-in recipients and remove those who never open.',
            'Authenticate with SPF, DKIM and DMARC aligned to your From domain.',
            'Reduce volume and raise it slowly as reputation recovers.',
          ],
          reason: 'blocked',
        },
        references: [G_BLOCKED, G_SENDER],
      },
      {
        id: 'gmail-suspicious-content',
        codes: ['4.7.0'],
        textIncludes: ['nature of the content', 'links within'],
        title: 'Gmail: suspicious content or links',
        advice: {
          summary: 'Gmail deferred the message because its content or links look suspicious',
          explanation:
            'Gmail\'s filters judged the text or the links in this message to be typical of spam or phishing, and refused it for now.',
          actors: ['sender', 'sender-admin'],
          causes: [
            'A link to a domain or URL shortener with a bad reputation.',
            'Content that resembles known spam or phishing campaigns.',
            'A link domain that was recently abused by others.',
          ],
          remedies: [
            'Check every linked domain against blocklists and replace shorteners with your own domain.',
            'Compare the message with mail that is delivered and remove the differences that look spammy.',
            'Make sure the links and the From domain are authenticated and consistent.',
          ],
          reason: 'spam',
        },
        references: [G_BLOCKED],
      },
      {
        id: 'gmail-ip-not-allowlisted',
        codes: ['4.7.0'],
        textIncludes: ['ip not in whitelist', 'ip not in allowlist'],
        title: 'Gmail: IP not on the recipient domain\'s allowlist',
        advice: {
          summary: 'The Workspace domain only accepts mail from allowlisted IPs, and yours is not one',
          explanation:
            'The recipient\'s Google Workspace administrator restricted inbound mail to certain IP addresses, typically their own mail gateway. Mail arriving directly from anywhere else is turned away.',
          actors: ['recipient-admin', 'sender-admin'],
          causes: [
            'You deliver straight to Google while the domain\'s MX records point to a filtering gateway.',
            'Stale DNS or a hard-coded route that bypasses the recipient\'s gateway.',
          ],
          remedies: [
            'Deliver to the hosts in the recipient domain\'s current MX records, not to Google directly.',
            'If your IP should be allowed, ask the recipient\'s administrator to add it to their inbound gateway settings.',
          ],
          reason: 'policy',
        },
        references: [G_ALLOWLIST, G_ERRORS],
      },
      {
        id: 'gmail-tls-required',
        codes: ['4.7.0', '5.7.0', '4.7.29', '5.7.29'],
        textIncludes: ['tls required', 'starttls', 'tls/ssl', 'tls connection'],
        title: 'Gmail: TLS required',
        advice: {
          summary: 'Gmail refused the message because the connection was not encrypted with TLS',
          explanation:
            'Either the recipient\'s Workspace domain requires TLS for inbound mail, or Google requires bulk senders to use TLS. Your server sent without starting TLS, so the mail was deferred or rejected.',
          actors: ['sender-admin'],
          causes: [
            'STARTTLS is turned off, or fails, on the sending server.',
            'A firewall or "SMTP inspection" device strips the STARTTLS offer.',
            'An old TLS version or cipher set that the connection cannot agree on.',
          ],
          remedies: [
            'Enable opportunistic TLS (STARTTLS) for outgoing mail on the sending server.',
            'Disable SMTP inspection features on firewalls between your server and the internet.',
            'Support TLS 1.2 or later and check the server\'s TLS logs for handshake errors.',
          ],
          reason: 'tls-required',
        },
        references: [G_TLS, G_ERRORS],
      },
      {
        id: 'gmail-ptr',
        codes: ['4.7.0', '5.7.1', '5.7.25', '4.7.23'],
        textIncludes: ['ptr record', 'pointer (ptr)', 'does not match the ip address of the hostname', 'reverse dns'],
        title: 'Gmail: missing or mismatched reverse DNS',
        advice: {
          summary: 'Gmail requires your sending IP to have reverse DNS that matches forward DNS',
          explanation:
            'Gmail looks up the PTR record of the connecting IP address and then checks that the host name it returns resolves back to the same IP. Your IP either has no PTR record or the two lookups do not agree.',
          actors: ['sender-admin'],
          causes: [
            'No PTR record set for the IP address (common on new cloud servers).',
            'The PTR name does not resolve back to the sending IP (forward-confirmed reverse DNS fails).',
            'Sending over IPv6 from an address without reverse DNS.',
          ],
          remedies: [
            'Ask whoever owns the IP (hosting or cloud provider) to set a PTR record to your mail host name.',
            'Add an A or AAAA record for that host name pointing back to the same IP.',
            'If IPv6 cannot be fixed quickly, send to Gmail over IPv4.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER, G_ERRORS],
      },
      // -- Authentication -------------------------------------------------------------------
      {
        id: 'gmail-4.7.26',
        codes: ['4.7.26'],
        title: 'Gmail: rate limited, unauthenticated',
        advice: {
          summary: 'Gmail is deferring your mail because it passed neither SPF nor DKIM',
          explanation:
            'Gmail requires every sender to authenticate with SPF or DKIM. This message passed neither, or a DMARC check could not finish because of a DNS failure, so Gmail slowed delivery for now and may reject it later.',
          actors: ['sender-admin'],
          causes: [
            'The sending IP is not in the SPF record of the envelope sender domain.',
            'The message has no DKIM signature, or it fails (key missing in DNS, body changed in transit).',
            'DNS for the sending domain times out, so the checks cannot complete.',
          ],
          remedies: [
            'Add the sending server or service to the SPF record of the envelope sender domain.',
            'Sign outgoing mail with DKIM and publish the public key in DNS.',
            'Check that your authoritative DNS servers answer reliably.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-5.7.26',
        codes: ['5.7.26'],
        title: 'Gmail: unauthenticated sender',
        advice: {
          summary: 'Gmail refused the message because it is not authenticated for its From domain',
          explanation:
            'Gmail requires every sender to pass SPF or DKIM, and bulk senders to pass DMARC as well. This message failed those checks: it passed neither SPF nor DKIM, failed an SPF record that ends in "-all", or failed the DMARC policy that the From domain publishes with "p=reject" or "p=quarantine".',
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
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-spf-suspicious',
        codes: ['4.7.24', '5.7.24'],
        title: 'Gmail: suspicious SPF record',
        advice: {
          summary: 'Gmail distrusts the SPF record of the sending domain because of suspicious entries',
          explanation:
            'The SPF record of the envelope sender domain contains mechanisms Gmail considers risky, such as very wide IP ranges that authorise far more hosts than any organisation uses. Gmail defers (4.7.24) or rejects (5.7.24) mail that relies on it.',
          actors: ['sender-admin'],
          causes: [
            'Over-broad entries such as large CIDR ranges or "+all".',
            'Includes of services you no longer use, or of third parties with huge ranges.',
          ],
          remedies: [
            'Reduce the SPF record to the exact servers and services that send for the domain.',
            'Remove "+all" and large IP ranges; end the record with "~all" or "-all".',
            'Add DKIM so delivery does not depend on SPF alone.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-spf-required',
        codes: ['4.7.27', '5.7.27'],
        title: 'Gmail: SPF did not pass',
        advice: {
          summary: 'Gmail requires bulk senders to pass SPF, and this message did not',
          explanation:
            'Google asks senders of large volumes to authenticate with both SPF and DKIM. SPF failed for this message, so Gmail deferred or rejected it. (Gmail uses 5.7.27 here for an SPF failure, not for the registry\'s meaning of a sender domain with a null MX.)',
          actors: ['sender-admin'],
          causes: [
            'The sending IP is missing from the SPF record of the envelope sender (Return-Path) domain.',
            'The SPF record has errors or needs more than ten DNS lookups.',
            'Mail forwarded through a server that is not in your SPF record.',
          ],
          remedies: [
            'Add the sending IP or the service\'s include to the SPF record of the envelope sender domain.',
            'Validate the record and keep it under ten DNS lookups.',
            'Sign with DKIM as well, so forwarded mail can still authenticate.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-dkim-required',
        codes: ['4.7.30', '5.7.30'],
        title: 'Gmail: DKIM did not pass',
        advice: {
          summary: 'Gmail requires bulk senders to sign with DKIM, and this message did not pass',
          explanation:
            'Google asks senders of large volumes to sign every message with DKIM. This message had no valid signature, so Gmail deferred or rejected it. (The registry\'s X.7.30 is about REQUIRETLS; Gmail uses the code for DKIM.)',
          actors: ['sender-admin'],
          causes: [
            'DKIM signing is not turned on for the sending server or service.',
            'The public key is missing from DNS or does not match the selector used.',
            'Something in transit (footer, link rewriting) changes the signed content.',
          ],
          remedies: [
            'Turn on DKIM signing for every server and service that sends for the domain.',
            'Publish the public key at selector._domainkey of the signing domain and check it resolves.',
            'Sign with a domain aligned to the From domain so DMARC passes as well.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-dmarc-alignment',
        codes: ['4.7.32', '5.7.32'],
        title: 'Gmail: From domain not aligned',
        advice: {
          summary: 'Gmail refused the message because the From domain matches neither SPF nor DKIM',
          explanation:
            'For bulk senders Gmail requires the domain in the From header to share its organisational domain with the domain that passed SPF or the domain that signed with DKIM. This message authenticated, but for a different domain.',
          actors: ['sender-admin'],
          causes: [
            'An email service signs with its own domain rather than yours.',
            'The envelope sender (Return-Path) is the service\'s domain and no DKIM signature uses yours.',
          ],
          remedies: [
            'Set up DKIM in the sending service with your own domain (custom DKIM).',
            'Use a custom Return-Path (bounce) domain under your domain so SPF aligns.',
            'Check the DMARC result in the message headers after the change.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER],
      },
      {
        id: 'gmail-dmarc-missing',
        codes: ['4.7.40'],
        title: 'Gmail: no DMARC record',
        advice: {
          summary: 'Gmail requires bulk senders to publish DMARC, and the sending domain has none',
          explanation:
            'Senders of large volumes to Gmail must publish a DMARC record for their From domain. Gmail found no record, or one without a policy, and deferred the mail.',
          actors: ['sender-admin'],
          causes: [
            'No TXT record at _dmarc of the From domain.',
            'A DMARC record with a syntax error or no "p=" tag.',
          ],
          remedies: [
            'Publish a DMARC record, for example "v=DMARC1; p=none; rua=mailto:…", at _dmarc of the From domain.',
            'Read the aggregate reports, fix the failing sources, then move to a stricter policy.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER],
      },
      // -- Message content ------------------------------------------------------------------
      {
        id: 'gmail-admin-policy',
        codes: [],
        textIncludes: ['- gcdp'],
        title: 'Gmail: rule set by the Workspace administrator',
        advice: {
          summary: 'A custom mail rule of the recipient\'s (or sender\'s) Google Workspace admin refused this',
          explanation:
            'The "gcdp" marker means the rejection came from a compliance or routing rule that a Google Workspace administrator wrote, not from Gmail\'s own spam or security checks.',
          actors: ['recipient-admin', 'sender'],
          causes: [
            'A content compliance rule (words, attachments, sizes) matched the message.',
            'A rule that limits who may send to this domain, group or user.',
          ],
          remedies: [
            'Read the rejection text: administrators usually explain the rule there.',
            'Ask the administrator of the domain that set the rule whether the message should be allowed.',
          ],
          reason: 'policy',
        },
        references: [G_ADMIN_POLICY, G_ERRORS],
      },
      {
        id: 'gmail-not-rfc-compliant',
        codes: ['5.7.1'],
        textIncludes: ['rfc 5322', 'rfc 2822', 'message-id: header', 'from: header', 'encoded-word', 'disallowed header'],
        title: 'Gmail: message not RFC 5322 compliant',
        advice: {
          summary: 'Gmail rejected a malformed message: a required header is missing, doubled or invalid',
          explanation:
            'Gmail refuses messages whose headers break the Internet Message Format (RFC 5322), because such mail is typical of spam tools. The text names the problem: no valid From address, several From addresses, no Message-ID, duplicate headers, or bad encoding.',
          actors: ['sender-admin'],
          causes: [
            'A script or application that builds messages by hand and misses headers.',
            'Duplicate Subject, Date or From headers added by two layers of software.',
            'Non-ASCII characters in headers without proper encoding.',
          ],
          remedies: [
            'Generate messages with a proper mail library instead of hand-written headers.',
            'Make sure there is exactly one From (with a valid address), one Date and one Message-ID.',
            'Encode non-ASCII header text as RFC 2047 encoded words or send with SMTPUTF8.',
          ],
          reason: 'content',
        },
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-5.7.1-unauthenticated',
        codes: ['5.7.1'],
        textIncludes: ['unauthenticated email', 'fails to pass authentication checks', 'does not have authentication information'],
        title: 'Gmail: unauthenticated mail refused',
        advice: {
          summary: 'Gmail refused the message because it passed neither SPF nor DKIM for the sending domain',
          explanation:
            'The message carried no valid authentication: SPF failed or was missing for the envelope sender, and there was no passing DKIM signature. Gmail does not accept unauthenticated mail from this domain.',
          actors: ['sender-admin'],
          causes: [
            'The sending server is not listed in the SPF record of the envelope sender domain.',
            'DKIM signing is off or the signature does not verify.',
          ],
          remedies: [
            'Add the sending server or service to the SPF record.',
            'Turn on DKIM signing with your own domain and publish the key in DNS.',
            'Send a test to a Gmail address and check "Show original" for SPF, DKIM and DMARC results.',
          ],
          reason: 'sender-authentication',
        },
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-unsolicited-message',
        codes: ['5.7.1'],
        textIncludes: ['likely unsolicited', 'unsolicited mail'],
        title: 'Gmail: message looks like spam',
        advice: {
          summary: 'Gmail rejected this message because its filters judged it likely unsolicited',
          explanation:
            'Gmail\'s spam filters scored this message as spam with enough confidence to refuse it at the door instead of delivering it to the spam folder. The decision combines content, links, authentication and your sending reputation.',
          actors: ['sender', 'sender-admin'],
          causes: [
            'Content or links that resemble spam or phishing.',
            'Low reputation of the sending IP, the domain, or domains linked in the message.',
            'Missing SPF, DKIM or DMARC alignment.',
          ],
          remedies: [
            'Check the sending domain and IP in Google Postmaster Tools.',
            'Authenticate with SPF, DKIM and DMARC aligned to the From domain.',
            'Remove suspicious links and shorteners, and send only to recipients who asked for the mail.',
          ],
          reason: 'spam',
        },
        references: [G_BLOCKED, G_SENDER],
      },
      {
        id: 'gmail-not-authorized-ip',
        codes: ['5.7.1'],
        textIncludes: ['not authorized to send email directly', 'not authorized to send mail directly'],
        title: 'Gmail: IP may not send directly',
        advice: {
          summary: 'Gmail does not accept mail sent straight from this IP; use your provider\'s relay',
          explanation:
            'The sending IP address is one that should not deliver mail directly to other networks, typically a home, mobile or dynamically assigned address. Gmail expects such senders to go through their provider\'s outgoing mail server.',
          actors: ['sender-admin'],
          causes: [
            'A mail server running on a residential or dynamic IP address.',
            'A device or script delivering straight to MX hosts instead of using a smart host.',
          ],
          remedies: [
            'Send through your ISP\'s or mail provider\'s SMTP relay (smart host) with authentication.',
            'Or move the mail server to a static IP with proper reverse DNS.',
          ],
          reason: 'blocked',
        },
        references: [G_ERRORS, G_SENDER],
      },
      {
        id: 'gmail-relay-invalid-credentials',
        codes: ['5.7.0', '5.7.1'],
        textIncludes: ['mail relay denied', 'invalid credentials for relay'],
        title: 'Gmail SMTP relay: not allowed to relay',
        advice: {
          summary: 'Google Workspace SMTP relay does not recognise this device or domain as yours',
          explanation:
            'The Workspace relay only passes on mail from IP addresses or authenticated users registered in the customer\'s relay settings, and only for that customer\'s domains. This connection matched neither.',
          actors: ['sender-admin'],
          causes: [
            'The sending device\'s public IP is not in the SMTP relay settings in the Admin console.',
            'The envelope sender or HELO name uses a domain that is not in the Workspace account.',
            'The device should log in with SMTP AUTH but does not.',
          ],
          remedies: [
            'Add the device\'s public IP to the SMTP relay service settings (Admin console, Apps, Gmail, Routing).',
            'Send with an envelope sender in one of your Workspace domains, or present such a domain in HELO.',
            'Or turn on SMTP authentication in the relay settings and configure the device to log in.',
          ],
          reason: 'relay-denied',
        },
        references: [G_RELAY],
      },
      {
        id: 'gmail-sending-denied',
        codes: ['5.7.0'],
        textIncludes: ['mail sending denied'],
        title: 'Gmail SMTP relay: sender not allowed',
        advice: {
          summary: 'The relay refused the envelope sender: the account is disabled or not in the Workspace domain',
          explanation:
            'Google Workspace SMTP relay only sends for users that exist and are active in the customer\'s domains. The sender address given is suspended, deleted or unknown.',
          actors: ['sender-admin'],
          causes: [
            'The sending user was suspended or deleted in Google Workspace.',
            'An application uses a made-up or external From address.',
          ],
          remedies: [
            'Send with the address of an active Workspace user or group.',
            'Or allow non-user senders in the SMTP relay settings if your policy permits it.',
          ],
          reason: 'sender-rejected',
        },
        references: [G_RELAY],
      },
      {
        id: 'gmail-smtp-auth',
        codes: ['5.7.8', '5.7.9', '5.7.14', '5.7.1', '5.5.1', '5.7.0'],
        textIncludes: [
          'username and password not accepted',
          'application-specific password required',
          'log in with your web browser',
          'log in through your web browser',
          'authentication required',
        ],
        title: 'Gmail: SMTP login refused',
        advice: {
          summary: 'Gmail refused the SMTP login for sending: wrong password, app password needed, or login required',
          explanation:
            'This comes from Gmail as your outgoing server (smtp.gmail.com). The username and password were refused, the account needs an app password or OAuth, or the client tried to send without logging in.',
          actors: ['sender'],
          causes: [
            'A wrong or changed password stored in the mail client or device.',
            'The account uses 2-Step Verification, so a normal password does not work for SMTP.',
            'Google blocked the sign-in as suspicious and wants the user to confirm it in a browser.',
          ],
          remedies: [
            'Sign in to the Google account in a browser and check for security alerts.',
            'Create an app password (with 2-Step Verification on) or switch the client to OAuth sign-in.',
            'Update the credentials in the client and make sure it authenticates before sending.',
          ],
          reason: 'smtp-auth',
        },
        references: [G_APP_PASSWORDS, G_ABOUT],
      },
      {
        id: 'gmail-security-content',
        codes: ['5.7.0'],
        textIncludes: ['security issue', 'illegal attachment', 'blocked file'],
        title: 'Gmail: attachment or content blocked for security',
        advice: {
          summary: 'Gmail blocked the message because an attachment or its content is a security risk',
          explanation:
            'Gmail refuses file types that are often used to spread malware (executables, some archives and scripts) and content that its scanners consider dangerous.',
          actors: ['sender'],
          causes: [
            'An executable, script or macro file attached, also inside a zip archive.',
            'A password-protected archive that cannot be scanned.',
            'An attachment detected as malware.',
          ],
          remedies: [
            'Share the file through a cloud storage link instead of attaching it.',
            'If the file is legitimate, send it in a format Gmail accepts (PDF, document without macros).',
            'Scan the sending computer if you did not intend to attach the file.',
          ],
          reason: 'content',
        },
        references: [G_BLOCKED, G_ERRORS],
      },
      {
        id: 'gmail-mail-loop',
        codes: ['5.4.6', '5.6.0'],
        textIncludes: ['hops'],
        title: 'Gmail: mail loop',
        advice: {
          summary: 'Gmail stopped the message after too many hops: it is probably caught in a mail loop',
          explanation:
            'The message has passed through more servers than Gmail allows, which almost always means two systems forward it back and forth.',
          actors: ['sender-admin', 'recipient-admin'],
          causes: [
            'Two forwarding rules that point at each other.',
            'A domain\'s routing sends mail back to the server it came from.',
          ],
          remedies: [
            'Read the Received headers of the bounced message to see which servers repeat.',
            'Break the loop by removing or correcting the forwarding or routing rule.',
          ],
          reason: 'network',
        },
        references: [G_ERRORS],
      },
      {
        id: 'gmail-malformed',
        codes: ['5.6.0'],
        textIncludes: ['malformed'],
        title: 'Gmail: malformed message',
        advice: {
          summary: 'Gmail could not parse the message: its MIME structure or encoding is broken',
          explanation:
            'The message does not follow the Internet message format closely enough for Gmail to accept it, for example broken MIME boundaries or invalid encoding.',
          actors: ['sender-admin'],
          causes: [
            'Software that builds MIME parts by hand and gets boundaries or line endings wrong.',
            'A gateway that alters the message and corrupts its structure.',
          ],
          remedies: [
            'Build messages with a standard mail library.',
            'Compare the raw message with the RFC 5322 and MIME rules, or test it with another receiver.',
          ],
          reason: 'content',
        },
        references: [G_SENDER, G_ERRORS],
      },
      {
        id: 'gmail-too-large',
        codes: ['5.2.3', '5.3.4'],
        title: 'Gmail: message too large',
        advice: {
          summary: 'The message, its headers or its attachments exceed Gmail\'s size limits',
          explanation:
            'Gmail accepts messages only up to a fixed total size (about 25 MB of attachments once encoded), and also limits the size of headers and the number of attachments.',
          actors: ['sender'],
          causes: [
            'Large attachments; encoding makes them about a third bigger than on disk.',
            'Very many attachments or an oversized header.',
          ],
          remedies: [
            'Share big files through a link (Google Drive or other storage) instead of attaching them.',
            'Compress or split the attachments and send them in several messages.',
          ],
          reason: 'too-large',
        },
        references: [G_ATTACHMENTS, G_RECV_LIMITS],
      },
      {
        id: 'gmail-too-many-recipients',
        codes: ['4.5.3', '5.5.3'],
        title: 'Gmail: too many recipients',
        advice: {
          summary: 'The message names more recipients than Gmail accepts in one transaction',
          explanation:
            'Gmail limits the recipients per SMTP transaction (the Workspace relay allows 100) and per message. The extra recipients are refused; a 4.5.3 asks the server to send them in another transaction.',
          actors: ['sender', 'sender-admin'],
          causes: [
            'A message to a long list of addresses in To, Cc and Bcc.',
            'A sending server that packs many recipients of one domain into one transaction.',
          ],
          remedies: [
            'Let the sending server retry the deferred recipients; most do this by themselves.',
            'Limit recipients per transaction on the sending server (100 or fewer).',
            'Use a mailing list or group address for large audiences.',
          ],
          reason: 'too-many-recipients',
        },
        references: [G_ERRORS, G_SEND_LIMITS],
      },
      {
        id: 'gmail-5.1.2',
        codes: ['5.1.2'],
        title: 'Gmail: recipient domain not found',
        advice: {
          summary: 'Gmail, as your outgoing server, could not find the recipient\'s domain',
          explanation:
            'This bounce comes from Google sending on your behalf: the domain after the @ sign does not exist in DNS or has no way to receive mail.',
          actors: ['sender'],
          causes: [
            'A typo in the domain part of the address (gmial.com, .con).',
            'The domain expired or was never registered.',
          ],
          remedies: [
            'Check the spelling of the domain.',
            'Ask the recipient for a working address if the domain has expired.',
          ],
          reason: 'host-unknown',
        },
        references: [G_ERRORS],
      },
      {
        id: 'gmail-temporary-system',
        codes: ['4.3.0', '4.7.0', '4.4.5'],
        textIncludes: ['temporary system problem', 'server busy', 'temporarily rejected'],
        title: 'Gmail: temporary problem at Google',
        advice: {
          summary: 'Gmail had a temporary problem and asks your server to try again later',
          explanation:
            'The failure is on Google\'s side and is not about your message. Your server will retry; the message is normally delivered after a short delay.',
          actors: ['nobody'],
          causes: ['A passing load or system problem at Google.'],
          remedies: [
            'Let your server retry as usual.',
            'If it persists for hours, check the Google Workspace status dashboard.',
          ],
          reason: 'system',
        },
        references: [G_ABOUT],
      },
      {
        id: 'gmail-try-again-later',
        codes: ['4.7.0'],
        textIncludes: ['try again later, closing connection'],
        title: 'Gmail: try again later',
        advice: {
          summary: 'Gmail closed the connection and asks you to retry later (overload or abuse protection)',
          explanation:
            'Google cut the session early without naming a specific reason. For the Workspace SMTP relay this usually means its protection against too many connections kicked in at HELO; for inbound mail it often accompanies throttling of a source that sends too much.',
          actors: ['sender-admin'],
          causes: [
            'Too many simultaneous connections or messages from your server.',
            'A reputation-based throttle on your IP address.',
          ],
          remedies: [
            'Let the server retry and reduce the number of parallel connections to Google.',
            'If it continues, check reputation in Google Postmaster Tools and look for unexpected volume.',
          ],
          reason: 'rate-limited',
        },
        references: [G_ABOUT, G_RELAY],
      },
      {
        id: 'gmail-timeout',
        codes: ['4.4.2', '4.7.0'],
        textIncludes: ['timeout', 'connection expired'],
        title: 'Gmail: connection timed out',
        advice: {
          summary: 'Gmail closed a connection that was idle or too slow',
          explanation:
            'The sending server took too long between commands or kept the connection open too long, so Google closed it. The message is retried on a new connection.',
          actors: ['nobody', 'sender-admin'],
          causes: [
            'A slow or congested network path.',
            'A sending server or filter that stalls while sending data.',
          ],
          remedies: [
            'Let the server retry; check the network path if this repeats.',
            'Look for firewalls or inspection devices that delay SMTP traffic.',
          ],
          reason: 'network',
        },
        references: [G_ABOUT],
      },
      {
        id: 'gmail-5.7.1-policy',
        codes: ['5.7.1'],
        textIncludes: ['has a policy that prohibited', 'policy that prohibited'],
        title: 'Gmail: blocked by a recipient or sender policy',
        advice: {
          summary: 'A Workspace policy for the recipient (or your own domain) forbids this message',
          explanation:
            'The recipient\'s user or domain, or the sending domain, has a policy that blocks this kind of mail, for example mail only from inside the organisation, or from approved senders only.',
          actors: ['recipient-admin', 'sender'],
          causes: [
            'The recipient is a group or user restricted to internal or approved senders.',
            'A domain policy blocks your address or domain.',
          ],
          remedies: [
            'Ask the recipient\'s administrator whether you should be allowed and to adjust the policy.',
            'Contact the recipient by another channel.',
          ],
          reason: 'policy',
        },
        references: [G_ADMIN_POLICY, G_ERRORS],
      },
      {
        id: 'gmail-5.7.1-spam',
        codes: ['5.7.1'],
        textIncludes: ['spam'],
        title: 'Gmail: rejected as spam',
        advice: {
          summary: 'Gmail rejected the message to protect its users from spam',
          explanation:
            'The rejection text mentions spam without a more specific reason. Gmail\'s filters or its view of your sending reputation decided the message should not be delivered.',
          actors: ['sender-admin'],
          causes: [
            'Poor IP or domain reputation from complaints or spam traps.',
            'Missing or failing authentication.',
            'Content or links typical of spam.',
          ],
          remedies: [
            'Check reputation and spam rate in Google Postmaster Tools.',
            'Authenticate with SPF, DKIM and DMARC aligned to the From domain.',
            'Review list hygiene and the message content, then resend slowly.',
          ],
          reason: 'spam',
        },
        references: [G_BLOCKED, G_SENDER],
      },
      {
        id: 'gmail-5.7.1-blocked',
        codes: ['5.7.1'],
        textIncludes: ['blocked'],
        title: 'Gmail: blocked',
        advice: {
          summary: 'Gmail blocked the message or its source; the rest of the reply text says why',
          explanation:
            'Gmail uses 5.7.1 for many different refusals. This one says the mail or its source was blocked, which usually points to reputation or a security rule rather than to the recipient\'s address.',
          actors: ['sender-admin'],
          causes: [
            'Low reputation of the sending IP or domain.',
            'A security rule about the content or an attachment.',
          ],
          remedies: [
            'Read the full reply text and follow the Google help link it contains.',
            'Check reputation in Google Postmaster Tools and authentication in the message headers.',
          ],
          reason: 'blocked',
        },
        references: [G_BLOCKED, G_ERRORS],
      },
      {
        id: 'gmail-5.7.1',
        codes: ['5.7.1'],
        title: 'Gmail: refused by policy',
        advice: {
          summary: 'Gmail refused the message under one of its policies; the reply text names which',
          explanation:
            'Gmail sends 5.7.1 for spam, reputation, formatting, relay and administrator policies alike. The sentence after the code is the real reason.',
          actors: ['sender-admin'],
          causes: [
            'A Gmail or Workspace policy about the message, the sender or the recipient.',
            'Reputation or authentication problems of the sending domain or IP.',
          ],
          remedies: [
            'Read the whole reply text and the Google help link in it.',
            'Check SPF, DKIM and DMARC results and reputation in Google Postmaster Tools.',
          ],
          reason: 'policy',
        },
        references: [G_ERRORS, G_SENDER],
      },
    ],
  },
];
