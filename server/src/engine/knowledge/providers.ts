// Large receivers, filters and blocklists that document their own replies. A provider is
// recognised from the reply text or the log line; its documented responses give a more
// specific explanation than the registry can. Written in our own words.
//
// A provider is taken only from the replying server: its own reply text (with e-mail
// addresses removed: they name a sender or recipient) or its host name on the log line
// (`said:` host, relay=, Exim H= on a delivery error, Remote-MTA:); never the sender, the
// recipient, From:, HELO or other fields (see analyzeText in ../explain.ts). Text is matched
// normalised (lower-case, "email" read as "mail"); write `detect` and `textIncludes` so, as
// stems where wording varies ("policy that prohibit" covers prohibits and prohibited).
//
// Order matters twice:
// - Providers named in the reply text come before those named by the host; among each, table
//   order. The mailbox providers' own markers (Gmail's "gsmtp", Yahoo's and Apple's bracketed
//   tags) come first: Yahoo's "[BL21] ... in Spamhaus's list" is Yahoo's reply that quotes a
//   blocklist. Then the blocklists and filters, then Microsoft, whose own unregistered codes
//   also match through `codeIsDistinctive`.
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

const GMAIL: ProviderEntry = {
  id: 'gmail',
  name: 'Gmail / Google Workspace',
  detect: [
    'gsmtp',
    'support.google.com/mail',
    'aspmx.l.google.com',
    'gmail-smtp-in.l.google.com',
    'smtp.google.com',
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
      textIncludes: ['receiving mail too quickly', 'receiving mail at a rate'],
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
      registryReuse: true,
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
      registryReuse: true,
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
      registryReuse: true,
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
      registryReuse: true,
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
      registryReuse: true,
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
      codes: ['4.7.40', '5.7.40'],
      title: 'Gmail: no DMARC record',
      advice: {
        summary: 'Gmail requires bulk senders to publish DMARC, and the sending domain has none',
        explanation:
          'Senders of large volumes to Gmail must publish a DMARC record for their From domain. Gmail found no record, or one without a policy: with 4.7.40 it deferred the mail, with 5.7.40 it refused it.',
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
      textIncludes: ['unauthenticated mail', 'fails to pass authentication checks', 'does not have authentication information'],
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
      textIncludes: ['not authorized to send mail directly'],
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
      id: 'gmail-relay-suspended',
      codes: ['5.7.0', '5.7.1'],
      textIncludes: ['suspended due to abuse', 'suspended for abuse'],
      title: 'Gmail SMTP relay: suspended for abuse',
      advice: {
        summary: "Google suspended this Workspace customer's use of the SMTP relay because of abuse",
        explanation:
          'The relay is switched off for the whole organisation after Google saw abusive mail (usually spam) go through it. Relay settings will not help: the abuse has to stop and Google has to lift the suspension.',
        actors: ['sender-admin'],
        causes: ['A compromised account, device or application sent spam through the relay.', 'Bulk mail that recipients reported as spam.'],
        remedies: [
          'Find and stop the source of the abusive mail (relay logs, compromised accounts or devices).',
          'Then contact Google Workspace support to have the relay suspension reviewed.',
          'Meanwhile send through another outgoing server.',
        ],
        reason: 'blocked',
      },
      references: [G_RELAY],
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
          'Gmail has a fixed limit on the total message size (it receives up to about 50 MB and lets its users send about 25 MB, both counted after encoding), and also limits header sizes and the number of attachments.',
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
      textIncludes: ['policy that prohibit'],
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
};

// ---- Microsoft ---------------------------------------------------------------------------
const MS_NDR: Reference = {
  title: 'Microsoft: email non-delivery reports and SMTP errors in Exchange Online',
  url: 'https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online',
};
const MS_DELIST: Reference = { title: 'Microsoft delist portal (Office 365 anti-spam IP delist)', url: 'https://sender.office.com' };
const MS_700: Reference = {
  title: 'Microsoft: fix NDR error codes 5.7.700 through 5.7.750 in Exchange Online',
  url: 'https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/fix-error-code-5-7-700-through-5-7-750',
};
const MS_ASXXX: Reference = {
  title: 'Microsoft: fix NDR error 451 4.7.500-699 (ASxxx) in Exchange Online',
  url: 'https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/fix-error-code-451-4-7-500-699-asxxx-in-exchange-online',
};
const MS_BARE_LF: Reference = {
  title: 'Microsoft: fix NDR error 550 5.6.11 in Exchange Online',
  url: 'https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/fix-error-code-550-5-6-11-in-exchange-online',
};
const MS_LOOP: Reference = {
  title: 'Microsoft: fix NDR error 5.4.6 through 5.4.20 in Exchange Online',
  url: 'https://learn.microsoft.com/en-us/troubleshoot/exchange/email-delivery/ndr/fix-error-code-5-4-6-through-5-4-20-in-exchange-online',
};
const OUTLOOK_POSTMASTER: Reference = { title: 'Outlook.com postmaster (senders to Outlook.com and Hotmail)', url: 'https://postmaster.live.com' };

const MICROSOFT: ProviderEntry = {
  id: 'microsoft',
  name: 'Microsoft 365 / Outlook.com / Exchange Online',
  detect: [
    'protection.outlook.com',
    'outlook.com',
    'hotmail.com',
    'mail.live.com',
    'postmaster.live.com',
    'sender.office.com',
    'outlook.office365.com',
    'resolver.adr.',
    'resolver.rst.',
    'storedrv.',
    'smtpsend.',
  ],
  page: MS_NDR,
  responses: [
    // -- Blocked sending IPs and tenants ---------------------------------------------------
    {
      id: 'ms-5.7.606',
      codes: ['5.7.606-5.7.649'],
      codeIsDistinctive: true,
      title: 'Microsoft: banned sending IP',
      advice: {
        summary: 'Microsoft 365 has banned your sending IP address; request removal at sender.office.com',
        explanation:
          'Exchange Online Protection keeps a list of IP addresses it refuses outright, and your sending IP is on it. Every Microsoft 365 tenant will reject mail from this IP until it is delisted. The detail number (606 to 649) does not change the meaning.',
        actors: ['sender-admin'],
        causes: [
          'Spam, phishing or malware was sent from the IP, often by a compromised account or server.',
          'The IP belongs to a range with a bad history (new cloud or VPS address, shared hosting).',
          'A sudden volume spike without authentication or with many invalid recipients.',
        ],
        remedies: [
          'Find and stop the source of unwanted mail on that IP before asking for removal.',
          'Request delisting at https://sender.office.com: enter the address and IP, confirm by email, and wait for the change to take effect (can take up to a day).',
          'Make sure SPF, DKIM and DMARC pass for the domains you send from.',
          'If the IP is shared (hosting provider, email service), ask the provider to handle the delisting or give you a clean IP.',
        ],
        reason: 'blocked',
      },
      references: [MS_DELIST, MS_NDR],
    },
    {
      id: 'ms-5.7.708',
      codes: ['5.7.708'],
      codeIsDistinctive: true,
      title: 'Microsoft: traffic not accepted from this IP',
      advice: {
        summary: 'Microsoft 365 refuses to send out your tenant\'s mail through a low-reputation IP',
        explanation:
          'This is an outbound restriction in Exchange Online: the tenant\'s mail would leave through an IP address whose reputation is too poor, so Microsoft does not relay it. It mostly hits new or trial tenants that have not built up sending history.',
        actors: ['sender-admin'],
        causes: [
          'A new or trial Microsoft 365 tenant sending its first larger volumes.',
          'Mail from the tenant that looks like spam, for example after an account compromise.',
        ],
        remedies: [
          'Check the tenant for compromised accounts and unexpected outbound mail.',
          'Add and verify all custom domains you send from in the Microsoft 365 admin center.',
          'Open a case with Microsoft support through the admin center if the tenant is legitimate.',
        ],
        reason: 'blocked',
      },
      references: [MS_700, MS_NDR],
    },
    {
      id: 'ms-5.7.750',
      codes: ['5.7.750'],
      codeIsDistinctive: true,
      title: 'Microsoft: sending from unregistered domains',
      advice: {
        summary: 'Microsoft 365 blocked the tenant for sending from domains it has not added and verified',
        explanation:
          'Exchange Online saw an unusual amount of mail from this tenant using sender domains that are not registered in the tenant, and stopped accepting it.',
        actors: ['sender-admin'],
        causes: [
          'Applications or devices relaying through the tenant with From addresses in domains the tenant does not own.',
          'A connector that relays mail for other organisations.',
        ],
        remedies: [
          'Add and verify every domain you send from in the Microsoft 365 admin center.',
          'Stop relaying mail for domains that are not yours, then contact Microsoft support to lift the block.',
        ],
        reason: 'policy',
      },
      references: [MS_700, MS_NDR],
    },
    {
      id: 'ms-5.7.700',
      codes: ['5.7.700-5.7.749'],
      codeIsDistinctive: true,
      title: 'Microsoft: tenant blocked from sending',
      advice: {
        summary: 'Microsoft 365 has stopped this tenant from sending because too much of its mail looked like spam',
        explanation:
          'Codes 5.7.700 to 5.7.749 are outbound blocks on a whole Microsoft 365 organisation: its mail went over a threshold of suspicious traffic and Exchange Online no longer relays it.',
        actors: ['sender-admin'],
        causes: [
          'Compromised mailboxes sending spam or phishing.',
          'An open relay or badly secured connector used to send spam through the tenant.',
          'Bulk mail from a new tenant without sending history.',
        ],
        remedies: [
          'Secure the tenant: reset credentials of compromised accounts, enable MFA, review inbound connectors.',
          'Check the Restricted entities page in the Microsoft Defender portal for blocked users.',
          'Contact Microsoft support through the admin center to restore sending once the cause is fixed.',
        ],
        reason: 'blocked',
      },
      references: [MS_700, MS_NDR],
    },
    {
      id: 'ms-5.7.509',
      codes: ['5.7.509'],
      codeIsDistinctive: true,
      title: 'Microsoft: DMARC failed',
      advice: {
        summary: 'Microsoft rejected the message because the From domain failed its own DMARC policy',
        explanation:
          'The domain in the From header publishes a DMARC policy of reject, and this message passed neither SPF nor DKIM in a way aligned with that domain. Exchange Online followed the domain owner\'s policy.',
        actors: ['sender-admin'],
        causes: [
          'A service sends with your From domain but signs or bounces with its own domain.',
          'The sending server is missing from SPF and DKIM is not set up.',
          'Forwarding or a mailing list changed the message and broke DKIM.',
        ],
        remedies: [
          'Set up DKIM with your own domain in every service that sends as you.',
          'Add the service to SPF and use a Return-Path under your domain so SPF aligns.',
          'Read DMARC aggregate reports to find sources that still fail.',
        ],
        reason: 'sender-authentication',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.515',
      codes: ['5.7.515'],
      codeIsDistinctive: true,
      title: 'Microsoft: required authentication level not met',
      advice: {
        summary: 'Outlook.com requires high-volume senders to pass SPF, DKIM and DMARC, and this domain did not',
        explanation:
          'Microsoft requires domains that send in volume to Outlook.com, Hotmail and Live addresses to authenticate with SPF and DKIM and to publish DMARC. The reply lists which check failed for the From domain.',
        actors: ['sender-admin'],
        causes: [
          'SPF fails or is missing for the sending domain.',
          'No DKIM signature, or one that fails.',
          'No DMARC record, or DMARC fails because neither SPF nor DKIM aligns.',
        ],
        remedies: [
          'Fix the check named in the reply (the "Spf=", "Dkim=", "DMARC=" results).',
          'Publish a DMARC record of at least p=none with aligned SPF or DKIM.',
          'Send a test to an Outlook.com address and read the Authentication-Results header.',
        ],
        reason: 'sender-authentication',
      },
      references: [OUTLOOK_POSTMASTER, MS_NDR],
    },
    {
      id: 'ms-5.7.510',
      codes: ['5.7.510'],
      codeIsDistinctive: true,
      title: 'Microsoft: recipient does not accept IPv6',
      advice: {
        summary: 'The recipient\'s Microsoft 365 domain does not accept mail over IPv6',
        explanation:
          'Your server connected over IPv6, but the recipient domain has not enabled inbound IPv6 in Exchange Online, so the message was refused.',
        actors: ['sender-admin'],
        causes: ['The sending server prefers IPv6 for this destination.'],
        remedies: [
          'Deliver to this domain over IPv4 (most MTAs can prefer IPv4 per destination or globally).',
        ],
        reason: 'policy',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.511',
      codes: ['5.7.511'],
      codeIsDistinctive: true,
      title: 'Microsoft: banned sender',
      advice: {
        summary: 'Microsoft has banned the sending IP; the web delist portal does not apply to this code',
        explanation:
          'The IP you send from is blocked by Exchange Online Protection. Unlike 5.7.606 to 5.7.649, this listing is removed on request by email rather than through the delist portal.',
        actors: ['sender-admin'],
        causes: [
          'Spam or other abuse traced to the IP address.',
          'An IP with a poor history that was assigned to you.',
        ],
        remedies: [
          'Stop the source of abuse first.',
          'Email delist@messaging.microsoft.com with the full NDR text and the IP address to be delisted.',
        ],
        reason: 'blocked',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.512',
      codes: ['5.7.512'],
      codeIsDistinctive: true,
      title: 'Microsoft: no valid From address',
      advice: {
        summary: 'Microsoft 365 rejected the message because it has no valid From header address',
        explanation:
          'Exchange Online requires every message to carry a From header with a syntactically valid address (RFC 5322 section 3.6.2). This one was missing it or had an invalid one.',
        actors: ['sender-admin'],
        causes: [
          'An application that sends without a From header or with only a display name.',
          'A From address without the domain part or with broken quoting.',
        ],
        remedies: [
          'Set a full From address such as "Name <user@example.com>" in the sending application.',
          'Build messages with a mail library that validates headers.',
        ],
        reason: 'content',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.513',
      codes: ['5.7.513'],
      codeIsDistinctive: true,
      title: 'Microsoft: on the recipient organisation\'s block list',
      advice: {
        summary: 'The recipient\'s organisation put your sending IP on its own block list',
        explanation:
          'This is not a Microsoft-wide block: the administrator of the receiving Microsoft 365 organisation added your IP address to its connection filter block list.',
        actors: ['recipient-admin', 'sender'],
        causes: [
          'The recipient\'s administrator blocked the IP, perhaps after spam from a shared address.',
        ],
        remedies: [
          'Contact the recipient by another channel and ask their administrator to remove your IP from their block list.',
        ],
        reason: 'blocked',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.501',
      codes: ['5.7.501-5.7.503'],
      codeIsDistinctive: true,
      title: 'Microsoft: sending account banned for spam',
      advice: {
        summary: 'Microsoft 365 banned the sending account because it sent spam',
        explanation:
          'Exchange Online detected spam from this account and blocked it from sending. This is almost always a sign that the account was compromised.',
        actors: ['sender-admin'],
        causes: [
          'A mailbox whose password was phished or guessed.',
          'Malware or an OAuth app sending mail as the user.',
        ],
        remedies: [
          'Reset the password, revoke sessions, enable MFA and check inbox rules and app consents.',
          'Release the user from the Restricted entities page in the Microsoft Defender portal, or contact support.',
        ],
        reason: 'sender-rejected',
      },
      references: [MS_ASXXX, MS_NDR],
    },
    {
      id: 'ms-5.7.506',
      codes: ['5.7.506'],
      codeIsDistinctive: true,
      title: 'Microsoft: bad HELO',
      advice: {
        summary: 'Microsoft refused the connection because your server greeted with the recipient\'s own name',
        explanation:
          'The sending server introduced itself in HELO/EHLO with a name belonging to the server it was connecting to. That is typical of spam software, so Exchange Online refuses it.',
        actors: ['sender-admin'],
        causes: ['A misconfigured HELO name, or software that copies the destination host name into HELO.'],
        remedies: ['Set the HELO/EHLO name to your own server\'s fully qualified host name, matching its reverse DNS.'],
        reason: 'policy',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.507',
      codes: ['5.7.507'],
      codeIsDistinctive: true,
      title: 'Microsoft: rejected by recipient',
      advice: {
        summary: 'The recipient\'s organisation has blocked the IP address you send from',
        explanation: 'The receiving organisation chose to refuse mail from your sending IP address.',
        actors: ['recipient-admin', 'sender'],
        causes: ['A block rule set by the recipient organisation.'],
        remedies: ['Contact the recipient by another channel and ask them to allow your IP or domain.'],
        reason: 'blocked',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.508',
      codes: ['5.7.508'],
      codeIsDistinctive: true,
      title: 'Microsoft: IPv6 range over its limit',
      advice: {
        summary: 'Your IPv6 range sent more mail than Microsoft allows in a short time',
        explanation: 'Exchange Online limits how much mail one IPv6 range may send in a period. Yours exceeded it.',
        actors: ['sender-admin'],
        causes: ['High volume over IPv6 from one range, possibly spread over many addresses.'],
        remedies: ['Slow down delivery to Microsoft over IPv6, or send over IPv4.'],
        reason: 'rate-limited',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-4.7.650',
      codes: ['4.7.650'],
      codeIsDistinctive: true,
      title: 'Microsoft: temporarily rate limited for IP reputation',
      advice: {
        summary: 'Outlook.com is slowing down mail from your IP because of its reputation',
        explanation:
          'Microsoft accepts less mail from your IP address for now because its reputation is poor or unknown. The mail is deferred, not refused; sustained problems can turn into a block.',
        actors: ['sender-admin'],
        causes: [
          'A new IP without sending history (needs warming up).',
          'Complaints, spam-trap hits or many invalid recipients from this IP.',
        ],
        remedies: [
          'Let the mail retry and lower the sending rate to Microsoft for a while.',
          'Enrol the IP in Microsoft\'s Smart Network Data Services (SNDS) to see its status.',
          'Send only to engaged, opted-in recipients and warm up new IPs gradually.',
        ],
        reason: 'blocked',
      },
      references: [OUTLOOK_POSTMASTER, MS_NDR],
    },
    {
      id: 'ms-4.7.652',
      codes: ['4.7.652'],
      codeIsDistinctive: true,
      title: 'Microsoft: too many connections',
      advice: {
        summary: 'Your server opened more simultaneous connections to Microsoft than allowed',
        explanation: 'Exchange Online limits the number of parallel connections per sending IP. Yours went over the limit; the mail is retried.',
        actors: ['sender-admin'],
        causes: ['High concurrency in the MTA for Microsoft destinations.'],
        remedies: ['Lower the number of parallel connections to Microsoft hosts (per-destination concurrency limit).'],
        reason: 'rate-limited',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-4.7.500',
      codes: ['4.7.500-4.7.699', '4.7.850-4.7.899'],
      codeIsDistinctive: true,
      title: 'Microsoft: temporarily restricted (access denied, try later)',
      advice: {
        summary: 'Microsoft is temporarily restricting mail from your IP while it evaluates suspicious activity',
        explanation:
          'Exchange Online saw traffic it considers suspicious from the sending IP and defers its mail for now. If the traffic is legitimate the restriction usually lifts by itself; if not, it can become a ban.',
        actors: ['sender-admin'],
        causes: [
          'A sudden change in volume or pattern from the IP.',
          'Spam-like mail or many invalid recipients.',
          'A new IP without reputation.',
        ],
        remedies: [
          'Let your server keep retrying at a lower rate.',
          'Look for compromised accounts or scripts sending through the IP.',
          'If it persists, check the IP in SNDS and at https://sender.office.com.',
        ],
        reason: 'blocked',
      },
      references: [MS_ASXXX, MS_NDR],
    },
    {
      id: 'ms-outlook-block-list',
      codes: ['5.7.1', '550'],
      textIncludes: ['(s3150)', '(s3140)', 'part of their network is on our block list'],
      title: 'Outlook.com: network on the block list (S3150)',
      advice: {
        summary: 'Outlook.com / Hotmail blocks your sending IP or its network; ask Microsoft for mitigation',
        explanation:
          'The consumer Outlook.com service (outlook.com, hotmail.com, live.com, msn.com) refuses mail from the IP address or a range around it. The S3150/S3140 tag marks this block list, which is separate from the Microsoft 365 list handled at sender.office.com.',
        actors: ['sender-admin'],
        causes: [
          'Spam or complaints from your IP or from neighbours in the same range.',
          'A new IP address or range with no reputation at Microsoft.',
        ],
        remedies: [
          'Check the IP in Microsoft SNDS and fix any spam source.',
          'Submit the Outlook.com sender support (delist) request linked from the Outlook.com postmaster site, quoting the full reply.',
          'If you use a hosting provider or email service, ask them to handle it for their range.',
        ],
        reason: 'blocked',
      },
      references: [OUTLOOK_POSTMASTER, MS_NDR],
    },
    // -- Recipients ---------------------------------------------------------------------------
    {
      id: 'ms-5.1.10-recipient-not-found',
      codes: ['5.1.10'],
      registryReuse: true,
      textIncludes: ['recipientnotfound', 'recipient not found'],
      codeIsDistinctive: true,
      title: 'Microsoft: recipient not found',
      advice: {
        summary: 'The recipient address does not exist in the Microsoft 365 organisation',
        explanation:
          'Exchange Online looked the address up in the recipient organisation\'s directory and found no mailbox, group or contact with it. Microsoft uses 5.1.10 for this, unlike the registry, where X.1.10 means a domain with a null MX.',
        actors: ['sender', 'recipient-admin'],
        causes: [
          'A typo in the address, or an address that was removed.',
          'A cached old address in the sender\'s Outlook autocomplete list.',
          'The domain is in Microsoft 365 but the user was never created there (migration or sync gap).',
        ],
        remedies: [
          'Check the address and remove any stale autocomplete entry, then resend.',
          'If you run the recipient domain, check that the mailbox or alias exists and that directory sync is healthy.',
        ],
        reason: 'user-unknown',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.1.10',
      codes: ['5.1.10'],
      title: 'Microsoft: recipient not found',
      advice: {
        summary: 'The recipient address does not exist in the Microsoft 365 organisation',
        explanation:
          'From Microsoft, 5.1.10 means the recipient could not be found in the organisation\'s directory (the registry\'s X.1.10, a null MX, does not apply here).',
        actors: ['sender', 'recipient-admin'],
        causes: ['A typo or removed address.', 'A user missing from the Microsoft 365 directory.'],
        remedies: [
          'Check the spelling of the address and resend.',
          'If you manage the recipient domain, check the user, aliases and directory sync.',
        ],
        reason: 'user-unknown',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.4.1-dbeb',
      codes: ['5.4.1'],
      registryReuse: true,
      textIncludes: ['recipient address rejected: access denied'],
      codeIsDistinctive: true,
      title: 'Microsoft: recipient rejected (Directory-Based Edge Blocking)',
      advice: {
        summary: 'Microsoft 365 rejected an address that does not exist in the recipient organisation',
        explanation:
          'With Directory-Based Edge Blocking, Exchange Online refuses mail to addresses that are not in the organisation\'s directory already at the edge. Despite the words "access denied", this is a non-existent recipient, not a block on you.',
        actors: ['sender', 'recipient-admin'],
        causes: [
          'The address is misspelled or was removed.',
          'The recipient was never created in Microsoft 365 (for example a hybrid or sync gap), or the domain is set to Authoritative while users live elsewhere.',
        ],
        remedies: [
          'Check the spelling and resend; stop mailing addresses that keep failing.',
          'If you run the recipient domain: create the user or contact, or set the accepted domain to Internal Relay if some mailboxes live outside Microsoft 365.',
        ],
        reason: 'user-unknown',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.4.1-relay',
      codes: ['5.4.1'],
      textIncludes: ['relay access denied'],
      title: 'Microsoft: relay access denied',
      advice: {
        summary: 'The Microsoft 365 server reached does not accept mail for the recipient\'s domain',
        explanation:
          'Exchange Online received the message but the recipient domain is not an accepted domain of any tenant it could attribute the mail to. This points to wrong MX records or a missing accepted domain.',
        actors: ['recipient-admin'],
        causes: [
          'The domain\'s MX points to Microsoft 365 but the domain is not added or verified in the tenant.',
          'The domain was removed from a tenant while its MX still points to Microsoft.',
        ],
        remedies: [
          'If you run the recipient domain: add and verify it as an accepted domain, or correct the MX records.',
          'As the sender, tell the recipient their domain\'s mail routing is broken.',
        ],
        reason: 'relay-denied',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.1.1',
      codes: ['5.1.1'],
      title: 'Microsoft: recipient address not found',
      advice: {
        summary: 'Exchange could not find the recipient mailbox',
        explanation:
          'The address does not match any recipient in the Exchange organisation. Inside an organisation this also happens when a stale address (X.500 or LegacyExchangeDN) from Outlook\'s autocomplete cache is used.',
        actors: ['sender'],
        causes: [
          'A typo or a removed mailbox.',
          'An outdated autocomplete entry after a mailbox was recreated or migrated.',
        ],
        remedies: [
          'Check the address; delete the autocomplete entry in Outlook and pick the recipient again.',
          'Administrators: add the old LegacyExchangeDN as an X500 address to the recreated mailbox.',
        ],
        reason: 'user-unknown',
      },
      references: [MS_NDR],
    },
    // -- Limits -------------------------------------------------------------------------------
    {
      id: 'ms-5.2.2-submission-quota',
      codes: ['5.2.2', '5.1.90'],
      textIncludes: ['submission quota', 'daily limit for message recipients'],
      title: 'Microsoft: sender over sending limits',
      advice: {
        summary: 'The Microsoft 365 account that sent this has exceeded its sending limits',
        explanation:
          'This bounce is about the sender, not the recipient: the mailbox sent to more recipients or messages than Exchange Online allows per day, so further sending is blocked for a while.',
        actors: ['sender', 'sender-admin'],
        causes: [
          'Mass mailing from a normal mailbox.',
          'A compromised account sending spam.',
        ],
        remedies: [
          'Check the account for compromise (sign-ins, inbox rules, sent items).',
          'Wait for the rolling 24-hour window, then resend.',
          'Send bulk mail through a service meant for it instead of a user mailbox.',
        ],
        reason: 'rate-limited',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.1.90',
      codes: ['5.1.90'],
      codeIsDistinctive: true,
      title: 'Microsoft: daily recipient limit reached',
      advice: {
        summary: 'The sending Microsoft 365 mailbox reached its daily limit of recipients',
        explanation: 'Exchange Online counts recipients per mailbox over a rolling 24 hours; this mailbox is over that limit and cannot send for now.',
        actors: ['sender', 'sender-admin'],
        causes: ['Bulk sending from a user mailbox.', 'A compromised account sending spam.'],
        remedies: ['Check the account for compromise.', 'Wait until the window frees up, then resend in smaller batches.'],
        reason: 'rate-limited',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.2.121',
      codes: ['5.2.121', '5.2.122'],
      codeIsDistinctive: true,
      title: 'Microsoft: recipient\'s hourly receive limit',
      advice: {
        summary: 'The Microsoft 365 recipient is getting too many messages per hour (from you, or from everyone)',
        explanation:
          'Exchange Online caps how many messages a mailbox accepts per hour: 5.2.121 counts messages from one sender, 5.2.122 counts messages from all senders. The cap protects mailboxes from floods by automated systems.',
        actors: ['sender-admin', 'nobody'],
        causes: [
          'An alerting or notification system sending many messages to one address.',
          'A mail loop between an auto-responder and the mailbox.',
        ],
        remedies: [
          'Send again later and reduce the number of messages per hour to this recipient.',
          'Combine notifications into digests, and look for loops.',
        ],
        reason: 'rate-limited',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-4.3.2-thread-limit',
      codes: ['4.3.2'],
      textIncludes: ['thread limit'],
      title: 'Microsoft: recipient thread limit',
      advice: {
        summary: 'Exchange Online is throttling delivery to this mailbox because it receives too much at once',
        explanation:
          'A single mailbox is getting so many messages at the same moment that Exchange delays the rest, so other mailboxes on the same database are not affected. The mail is retried.',
        actors: ['nobody'],
        causes: ['A burst of messages to one recipient.'],
        remedies: ['Let your server retry; spread bursts to one recipient over time.'],
        reason: 'rate-limited',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-mailbox-full',
      codes: ['5.2.2', '4.2.2'],
      title: 'Microsoft: mailbox full',
      advice: {
        summary: 'The recipient\'s Exchange mailbox is over its storage quota',
        explanation: 'The mailbox reached the size at which Exchange stops accepting new messages.',
        actors: ['recipient', 'recipient-admin'],
        causes: ['The recipient keeps too much mail, or the quota is small.', 'An abandoned mailbox filling up.'],
        remedies: [
          'Tell the recipient to delete or archive mail, or ask their administrator to raise the quota.',
          'Resend once there is space.',
        ],
        reason: 'mailbox-full',
      },
      references: [MS_NDR],
    },
    // -- Content and protocol -----------------------------------------------------------------
    {
      id: 'ms-5.6.11',
      codes: ['5.6.11'],
      codeIsDistinctive: true,
      title: 'Microsoft: bare line feeds',
      advice: {
        summary: 'The message contains bare LF line endings, which Exchange Online no longer accepts',
        explanation:
          'SMTP requires every line to end with CR LF. The message had lines ending in a lone LF, and the receiving side could not take it over BDAT either, so it was refused.',
        actors: ['sender-admin'],
        causes: [
          'A script or application that writes messages with Unix line endings straight to SMTP.',
          'An old mail library or gateway that does not convert line endings.',
        ],
        remedies: [
          'Make the sending software convert every line ending to CR LF before sending.',
          'Update the mail library or gateway; most current MTAs fix line endings on submission.',
        ],
        reason: 'content',
      },
      references: [MS_BARE_LF, MS_NDR],
    },
    {
      id: 'ms-5.7.57',
      codes: ['5.7.57'],
      codeIsDistinctive: true,
      title: 'Microsoft: client not authenticated to send',
      advice: {
        summary: 'The device or app tried to send through smtp.office365.com without logging in',
        explanation:
          'Client submission to Microsoft 365 (smtp.office365.com, port 587) needs an authenticated mailbox. This client sent MAIL FROM without a successful login.',
        actors: ['sender-admin'],
        causes: [
          'SMTP AUTH not configured in the device or application, or the credentials are wrong.',
          'SMTP AUTH disabled for the mailbox or the tenant.',
          'The device does not support the required TLS version.',
        ],
        remedies: [
          'Configure the client to log in with a licensed mailbox on port 587 with STARTTLS.',
          'Enable authenticated SMTP for that mailbox if your policy allows it.',
          'For devices that cannot authenticate, use direct send or an SMTP relay connector instead.',
        ],
        reason: 'smtp-auth',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.64',
      codes: ['5.7.64'],
      codeIsDistinctive: true,
      title: 'Microsoft: TenantAttribution relay denied',
      advice: {
        summary: 'Microsoft 365 could not tie the incoming relay connection to your tenant\'s inbound connector',
        explanation:
          'Mail relayed from your own servers into Exchange Online must match an inbound connector by certificate or IP. This connection matched none, so the relay was refused.',
        actors: ['sender-admin'],
        causes: [
          'The public IP of the on-premises server changed.',
          'The certificate presented does not match the one the connector expects, or it expired.',
        ],
        remedies: [
          'Update the inbound connector in the Exchange admin center with the current IP addresses or certificate name.',
          'Renew the certificate on the on-premises server if it expired.',
        ],
        reason: 'relay-denied',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-routing-loop',
      codes: ['5.4.14', '5.4.6'],
      textIncludes: ['loop'],
      title: 'Microsoft: routing loop',
      advice: {
        summary: 'Exchange stopped the message because it was going round in a mail loop',
        explanation:
          'The message passed between the same systems too many times. Exchange Online reports 5.4.14 and on-premises Exchange 5.4.6; both mean a loop created by configuration.',
        actors: ['recipient-admin', 'sender-admin'],
        causes: [
          'Forwarding rules that send mail back and forth.',
          'An accepted domain set to Internal Relay while its mail is routed back to Microsoft 365.',
          'Hybrid connectors pointing at each other for the same domain.',
        ],
        remedies: [
          'Check forwarding and inbox rules of the sender and recipient.',
          'Review the accepted domain type and the outbound connectors for the domain.',
        ],
        reason: 'network',
      },
      references: [MS_LOOP, MS_NDR],
    },
    {
      id: 'ms-5.4.14',
      codes: ['5.4.14'],
      codeIsDistinctive: true,
      title: 'Microsoft: routing loop',
      advice: {
        summary: 'Exchange Online stopped the message because it was going round in a mail loop',
        explanation: 'The message passed between the same systems too many times, which points to a routing or forwarding misconfiguration.',
        actors: ['recipient-admin', 'sender-admin'],
        causes: ['Forwarding rules or connectors that send the mail back where it came from.'],
        remedies: ['Check forwarding rules, the accepted domain type and the connectors for the domain.'],
        reason: 'network',
      },
      references: [MS_LOOP, MS_NDR],
    },
    {
      id: 'ms-4.4.316',
      codes: ['4.4.316', '5.4.316'],
      codeIsDistinctive: true,
      title: 'Microsoft: connection refused by the destination',
      advice: {
        summary: 'Microsoft 365 could not connect to the recipient\'s mail server: connection refused',
        explanation:
          'Exchange Online tried to deliver to an outside server and the connection was refused (socket error 10061). The problem is on the receiving side or the network to it; the message is retried until it expires.',
        actors: ['recipient-admin'],
        causes: [
          'The destination server is down or not listening on port 25.',
          'A firewall at the destination blocks Microsoft\'s outbound IPs.',
          'The MX records point to the wrong host.',
        ],
        remedies: [
          'If you run the destination, check that the MX hosts accept connections on port 25 from the internet.',
          'As the sender, tell the recipient their mail server is unreachable.',
        ],
        reason: 'network',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-4.4.312',
      codes: ['4.4.312', '5.4.312'],
      codeIsDistinctive: true,
      title: 'Microsoft: DNS query failed',
      advice: {
        summary: 'Microsoft 365 could not resolve the recipient domain\'s mail servers in DNS',
        explanation:
          'The DNS lookup for the destination domain failed or returned no records, so Exchange Online does not know where to deliver.',
        actors: ['recipient-admin', 'sender'],
        causes: [
          'The recipient domain has no MX or address records, or its DNS servers do not answer.',
          'A typo in the domain name.',
        ],
        remedies: [
          'Check the domain spelling.',
          'If you run the recipient domain, check its MX records and authoritative DNS servers.',
        ],
        reason: 'network',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.4.300',
      codes: ['5.4.300'],
      codeIsDistinctive: true,
      title: 'Microsoft: message expired',
      advice: {
        summary: 'Microsoft 365 gave up: the message could not be delivered before it expired',
        explanation:
          'Exchange Online retried delivery until the message expired, because the destination never accepted it or an earlier NDR could not be delivered.',
        actors: ['recipient-admin'],
        causes: ['The destination server was unreachable or kept deferring the message.'],
        remedies: [
          'Look at the earlier, temporary errors in the message trace for the real cause.',
          'Ask the recipient to check their mail server, then resend.',
        ],
        reason: 'expired',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-4.4.7',
      codes: ['4.4.7', '5.4.7'],
      title: 'Microsoft: message expired',
      advice: {
        summary: 'Exchange could not deliver the message before it expired in the queue',
        explanation:
          'The sending server retried until the message lifetime ran out. The cause is usually on the receiving side: unreachable, slow, or refusing for a reason shown in earlier attempts.',
        actors: ['recipient-admin', 'sender-admin'],
        causes: [
          'The receiving server was down or unreachable for a long time.',
          'The receiving server kept deferring the message (greylisting, throttling, limits).',
        ],
        remedies: [
          'Find the last temporary error in the queue or message trace; it names the real cause.',
          'Check the recipient address and the destination\'s MX records, then resend.',
        ],
        reason: 'expired',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-dane-mta-sts',
      codes: ['4.7.321-4.7.325', '5.7.321-5.7.325', '4.4.317', '5.4.317'],
      codeIsDistinctive: true,
      title: 'Microsoft: TLS, DANE or MTA-STS check failed',
      advice: {
        summary: 'Microsoft 365 would not deliver because the destination failed a required TLS check',
        explanation:
          'The recipient domain requires verified TLS (through DANE or MTA-STS), and the destination server did not offer STARTTLS, presented an expired or mismatched certificate, or its TLSA records did not verify.',
        actors: ['recipient-admin'],
        causes: [
          'The destination server does not support STARTTLS or the handshake fails.',
          'An expired certificate or one whose names do not match the MX host.',
          'TLSA records left in DNS after a certificate change.',
        ],
        remedies: [
          'If you run the destination: renew or fix the certificate so it matches the MX host names.',
          'Update the TLSA records or the MTA-STS policy whenever the certificate changes.',
          'As the sender, tell the recipient that their inbound TLS is broken.',
        ],
        reason: 'tls-required',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-mta-sts',
      codes: ['4.4.8', '5.4.8', '4.7.5', '5.7.5'],
      textIncludes: ['mta-sts'],
      title: 'Microsoft: MTA-STS validation failed',
      advice: {
        summary: 'The destination failed the MTA-STS policy of the recipient domain',
        explanation:
          'The recipient domain publishes an MTA-STS policy, and the MX host or its certificate did not match that policy, so Exchange Online did not deliver.',
        actors: ['recipient-admin'],
        causes: [
          'The MX host is not listed in the MTA-STS policy file.',
          'The certificate does not chain to a trusted authority or does not name the MX host.',
        ],
        remedies: [
          'If you run the destination: update the policy file or the certificate so they match the MX hosts.',
          'As the sender, tell the recipient their MTA-STS setup is broken.',
        ],
        reason: 'tls-required',
      },
      references: [MS_NDR],
    },
    // -- Policy -------------------------------------------------------------------------------
    {
      id: 'ms-5.1.8',
      codes: ['5.1.8'],
      textIncludes: ['bad outbound sender'],
      codeIsDistinctive: true,
      title: 'Microsoft: sender blocked for spam',
      advice: {
        summary: 'Microsoft 365 blocked the sending account from sending because it sent spam',
        explanation:
          'The sender\'s mailbox was put on the restricted list after sending mail that looked like spam, which usually means the account was compromised.',
        actors: ['sender-admin'],
        causes: ['A compromised mailbox used to send spam or phishing.'],
        remedies: [
          'Secure the account: reset the password, revoke sessions, enable MFA, check inbox rules.',
          'Remove the user from Restricted entities in the Microsoft Defender portal once it is clean.',
        ],
        reason: 'sender-rejected',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-restricted-recipient',
      codes: ['5.7.124', '5.7.133-5.7.136'],
      codeIsDistinctive: true,
      title: 'Microsoft: recipient accepts only approved or internal senders',
      advice: {
        summary: 'The group or mailbox only accepts mail from approved or internal senders',
        explanation:
          'The recipient (a distribution group, mailbox, public folder or mail user) is set to refuse mail from outside the organisation or from senders not on its allowed list.',
        actors: ['recipient-admin'],
        causes: [
          'The group is restricted to internal senders, or to a list of allowed senders you are not on.',
        ],
        remedies: [
          'Ask the group owner or the recipient\'s administrator to add you to the allowed senders or allow external senders.',
        ],
        reason: 'policy',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.12-external',
      codes: ['5.7.12', '5.7.13'],
      textIncludes: ['not authenticated'],
      title: 'Microsoft: recipient refuses external senders',
      advice: {
        summary: 'The recipient only accepts mail from senders inside its own organisation',
        explanation: 'The recipient address is set up to reject mail from outside the organisation; only its administrator can change that.',
        actors: ['recipient-admin'],
        causes: ['A delivery restriction that requires authenticated (internal) senders.'],
        remedies: ['Ask the recipient\'s administrator to allow external senders for this address.'],
        reason: 'policy',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-transport-rule',
      codes: ['5.7.900-5.7.999'],
      codeIsDistinctive: true,
      title: 'Microsoft: rejected by a mail flow rule',
      advice: {
        summary: 'A mail flow (transport) rule of the receiving organisation rejected the message',
        explanation:
          'Exchange administrators can write rules that reject messages with their own code in this range and their own text. The text usually says what the rule is about.',
        actors: ['recipient-admin', 'sender'],
        causes: ['The message matched a rule on sender, recipient, attachment or content.'],
        remedies: [
          'Read the rejection text for the reason.',
          'Ask the recipient\'s administrator whether the message should be allowed.',
        ],
        reason: 'policy',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.1-unable-to-relay',
      codes: ['5.7.1'],
      textIncludes: ['unable to relay'],
      title: 'Microsoft: unable to relay',
      advice: {
        summary: 'The Exchange server refused to pass the message on to a domain it does not host',
        explanation:
          'The receiving Exchange server is not the destination for the recipient domain and does not allow this client to relay through it.',
        actors: ['sender-admin', 'recipient-admin'],
        causes: [
          'An application or device relays through Exchange without permission.',
          'MX records that point to an Exchange server that does not accept the domain.',
        ],
        remedies: [
          'For applications: authenticate, or set up a receive or inbound connector that allows relay from their IP.',
          'Check that the recipient domain\'s MX records point to the right servers.',
        ],
        reason: 'relay-denied',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-5.7.1-not-authorized',
      codes: ['5.7.1'],
      textIncludes: ['delivery not authorized', 'not authorized to send', 'client was not authenticated'],
      title: 'Microsoft: sender not allowed to send to this recipient',
      advice: {
        summary: 'You are not allowed to send to this recipient (restricted group or mailbox, or a rule)',
        explanation:
          'The recipient accepts mail only from certain or internal senders, or a mail flow rule refused the message with the default code 5.7.1.',
        actors: ['recipient-admin', 'sender'],
        causes: [
          'A distribution group limited to members or internal senders.',
          'A mailbox that only accepts authenticated senders.',
          'A transport rule that rejects the message.',
        ],
        remedies: [
          'Ask the group owner or the recipient\'s administrator for permission to send.',
          'Send to an individual address instead of the restricted group.',
        ],
        reason: 'policy',
      },
      references: [MS_NDR],
    },
    {
      id: 'ms-reverse-dns-ipv6',
      codes: ['5.7.25', '4.7.26'],
      textIncludes: ['reverse dns', 'ipv6'],
      title: 'Microsoft: IPv6 sender requirements not met',
      advice: {
        summary: 'Mail to Microsoft over IPv6 needs reverse DNS and SPF or DKIM, and this one lacked them',
        explanation:
          'Exchange Online applies stricter rules to mail arriving over IPv6: the sending address must have a reverse DNS (PTR) record and the message must pass SPF or DKIM.',
        actors: ['sender-admin'],
        causes: ['No PTR record for the IPv6 address.', 'The IPv6 address is not in SPF and the message is not DKIM-signed.'],
        remedies: [
          'Add a PTR record for the sending IPv6 address and include it in SPF.',
          'Sign with DKIM, or deliver to Microsoft over IPv4.',
        ],
        reason: 'sender-authentication',
      },
      references: [MS_NDR],
    },
  ],
};

// ---- Yahoo / AOL -------------------------------------------------------------------------
const Y_ERRORS: Reference = { title: 'Yahoo Sender Hub: SMTP error codes', url: 'https://senders.yahooinc.com/smtp-error-codes' };
const Y_ERRORS_OLD: Reference = { title: 'Yahoo postmaster: error codes', url: 'https://postmaster.yahooinc.com/error-codes' };

const YAHOO: ProviderEntry = {
  id: 'yahoo',
  name: 'Yahoo / AOL',
  detect: [
    'yahoodns.net',
    'yahooinc.com',
    'yahoo.com',
    'yahoo.co.',
    'ymail.com',
    'rocketmail.com',
    'aol.com',
    '[tss0',
    '[tss1',
    '[ts0',
    '[ph01]',
    '[bl21]',
    '[bl23]',
    'yahoo requires',
  ],
  page: Y_ERRORS,
  responses: [
    {
      id: 'yahoo-tss04',
      codes: [],
      textIncludes: ['[tss04]', 'temporarily deferred due to unexpected volume or user complaints'],
      title: 'Yahoo: temporarily deferred [TSS04]',
      advice: {
        summary: 'Yahoo is deferring your mail because of unusual volume or user complaints',
        explanation:
          'The [TSS04] tag means Yahoo or AOL is slowing down mail from your IP address for now. Yahoo uses it for sudden volume, for complaints, and also for senders with weak authentication or reputation, so the text alone does not say which.',
        actors: ['sender-admin'],
        causes: [
          'Recipients mark your mail as spam (complaint rate too high).',
          'A spike in volume, or a new IP or domain without history at Yahoo.',
          'Missing SPF, DKIM or DMARC, or mail to many invalid addresses.',
        ],
        remedies: [
          'Let the mail retry and lower the sending rate to Yahoo and AOL domains.',
          'Check authentication: SPF and DKIM passing, DMARC published, aligned with the From domain.',
          'Sign up for the Yahoo Complaint Feedback Loop and remove complainers and inactive addresses.',
          'Keep the complaint rate under 0.3% and offer one-click unsubscribe.',
        ],
        reason: 'rate-limited',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-tss09',
      codes: [],
      textIncludes: ['[tss09]', '[tss11]', 'permanently deferred'],
      title: 'Yahoo: permanently refused [TSS09]/[TSS11]',
      advice: {
        summary: 'Yahoo will not accept mail from your IP at all; retrying will not help',
        explanation:
          'The [TSS09] and [TSS11] tags mean Yahoo has stopped accepting mail from this sending IP address. Unlike [TSS04] this does not clear by retrying: the reputation problem has to be fixed first.',
        actors: ['sender-admin'],
        causes: [
          'Sustained spam complaints or spam-trap hits from the IP.',
          'The IP appears on blocklists Yahoo uses, or sent mail that looked malicious.',
          'A compromised account or server sending through the IP.',
        ],
        remedies: [
          'Stop the mail that causes complaints and fix any compromise.',
          'Check the IP on public blocklists and request removal where listed.',
          'Once the cause is fixed, open a sender support request through the Yahoo Sender Hub.',
        ],
        reason: 'blocked',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-blocklist',
      codes: [],
      textIncludes: ['[bl21]', '[bl23]'],
      title: 'Yahoo: IP on a Spamhaus list [BL21]/[BL23]',
      advice: {
        summary: 'Yahoo refuses connections from your IP because it is listed by Spamhaus',
        explanation:
          'The [BL21] and [BL23] tags mean Yahoo looked up your sending IP in a Spamhaus blocklist ([BL23] names the XBL, for infected or exploited hosts) and found it listed.',
        actors: ['sender-admin'],
        causes: [
          'Malware, a compromised account or an open proxy on the IP (XBL).',
          'Spam sent from the IP or its network (SBL).',
          'A dynamic or residential IP that should not send directly (PBL).',
        ],
        remedies: [
          'Look up the IP at https://check.spamhaus.org to see which list and why.',
          'Fix the cause (clean the infection, secure accounts), then request removal there.',
          'Retry once the listing is gone; Yahoo checks again on each connection.',
        ],
        reason: 'blocked',
      },
      references: [Y_ERRORS, { title: 'Spamhaus IP and domain reputation checker', url: 'https://check.spamhaus.org' }],
    },
    {
      id: 'yahoo-ts-legacy',
      codes: [],
      textIncludes: ['[ts01]', '[ts02]', '[ts03]', '[ts04]', '[ts05]', '[ts06]'],
      title: 'Yahoo: deferred for sender reputation [TSxx]',
      advice: {
        summary: 'Yahoo deferred or refused your mail because of your sending reputation (TS tag)',
        explanation:
          'Older Yahoo and AOL replies use [TS01] to [TS06] tags for reputation-based throttling and blocking of a sending IP. Whether it is temporary or final follows the reply code: 4xx is retried, 5xx is not.',
        actors: ['sender-admin'],
        causes: [
          'Complaints about your mail from Yahoo users.',
          'Sudden volume or mail to many unknown addresses.',
        ],
        remedies: [
          'Slow down delivery to Yahoo and let deferred mail retry.',
          'Clean the list and watch complaints through the Yahoo Complaint Feedback Loop.',
          'Check SPF, DKIM and DMARC for the sending domain.',
        ],
        reason: 'blocked',
      },
      references: [Y_ERRORS, Y_ERRORS_OLD],
    },
    {
      id: 'yahoo-ph01',
      codes: [],
      textIncludes: ['[ph01]', 'not accepted for policy reasons'],
      title: 'Yahoo: message content refused [PH01]',
      advice: {
        summary: 'Yahoo refused this message for its content: it looked like malware or phishing',
        explanation:
          'The message itself was refused, not your whole IP: Yahoo judged its content (attachments, links) to carry malware or phishing.',
        actors: ['sender', 'sender-admin'],
        causes: [
          'An attachment that a scanner flags as malicious.',
          'Links to sites known for phishing or malware, or a URL shortener that hides them.',
          'A compromised account sending phishing in your name.',
        ],
        remedies: [
          'Scan the attachments and check the linked domains against blocklists; remove what is flagged.',
          'If you did not write the message, secure the sending account: it may be compromised.',
          'Send again once the content is clean.',
        ],
        reason: 'content',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-5.7.9-unauthenticated',
      codes: ['5.7.9', '4.7.9'],
      registryReuse: true,
      textIncludes: ['unauthenticated', 'authenticate'],
      title: 'Yahoo: unauthenticated sender',
      advice: {
        summary: 'Yahoo requires SPF or DKIM, and this message passed neither',
        explanation:
          'Yahoo and AOL refuse mail that does not authenticate with SPF or DKIM. Yahoo sends 5.7.9 for this, which the registry defines as a too-weak SMTP AUTH mechanism; here it means sender authentication failed.',
        actors: ['sender-admin'],
        causes: [
          'The sending server is missing from the SPF record of the envelope sender domain.',
          'DKIM signing is not set up, or the signature fails.',
        ],
        remedies: [
          'Add the sending server or service to SPF.',
          'Sign with DKIM using your own domain and publish a DMARC record.',
          'Send a test to a Yahoo address and check the Authentication-Results header.',
        ],
        reason: 'sender-authentication',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-user-unknown',
      codes: [],
      textIncludes: ["this user doesn't have a", 'this user does not have a', 'mailbox not found'],
      title: 'Yahoo: no such account',
      advice: {
        summary: 'The Yahoo or AOL address does not exist',
        explanation: 'Yahoo has no account for this address, so it cannot take the message.',
        actors: ['sender'],
        causes: ['A typo in the address.', 'An account that was deleted or never existed.'],
        remedies: ['Check the spelling with the recipient.', 'Remove the address from your lists.'],
        reason: 'user-unknown',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-mailbox-disabled',
      codes: [],
      textIncludes: ['this mailbox is disabled', '554.30', 'is no longer valid'],
      title: 'Yahoo: mailbox disabled',
      advice: {
        summary: 'The Yahoo or AOL mailbox is disabled or no longer valid',
        explanation: 'The account existed but has been deactivated, typically after a long time without use, and takes no mail.',
        actors: ['sender', 'recipient'],
        causes: ['The owner stopped using the account and Yahoo deactivated it.', 'The account was closed.'],
        remedies: ['Stop sending to the address and remove it from lists.', 'Ask the recipient for a current address.'],
        reason: 'mailbox-disabled',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-receiving-too-fast',
      codes: [],
      textIncludes: ['user is receiving mail too quickly'],
      title: 'Yahoo: recipient receiving too fast',
      advice: {
        summary: 'The Yahoo recipient is receiving mail faster than Yahoo allows',
        explanation: 'Yahoo limits the rate at which one mailbox receives mail; the message is deferred and retried.',
        actors: ['nobody'],
        causes: ['Many messages to the same recipient in a short time.'],
        remedies: ['Let the server retry; space out automated mail to one recipient.'],
        reason: 'rate-limited',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-max-per-connection',
      codes: [],
      textIncludes: ['max message per connection', 'max messages per connection'],
      title: 'Yahoo: too many messages in one connection',
      advice: {
        summary: 'Yahoo closed the connection after the maximum number of messages per connection',
        explanation: 'Yahoo limits how many messages one SMTP connection may carry. The rest are retried on a new connection.',
        actors: ['nobody', 'sender-admin'],
        causes: ['The sending server reuses one connection for many messages.'],
        remedies: ['Let the server retry; lower the messages-per-connection setting for Yahoo destinations.'],
        reason: 'rate-limited',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-unresolvable-from',
      codes: [],
      textIncludes: ['unresolvable rfc.5321', 'unresolvable rfc.5322', 'unresolvable from domain'],
      title: 'Yahoo: sender domain does not resolve',
      advice: {
        summary: 'Yahoo refused or deferred the message: a sender domain (MAIL FROM or From:) does not resolve',
        explanation:
          'Yahoo looks up the domain of the envelope sender (MAIL FROM) and of the From: header, including its SOA record. One of them did not resolve, so Yahoo deferred (451) or refused (554) the message.',
        actors: ['sender-admin'],
        causes: [
          'A made-up or internal domain in the envelope sender or the From: header (for example a server host name).',
          'DNS for the domain is broken, has no SOA record, or the domain has expired.',
        ],
        remedies: [
          'Use an envelope sender address in a real, resolvable domain you own.',
          'Check that the domain has working DNS (an MX or A record).',
        ],
        reason: 'sender-rejected',
      },
      references: [Y_ERRORS],
    },
    {
      id: 'yahoo-headers-not-rfc',
      codes: [],
      textIncludes: ['headers are not rfc compliant'],
      title: 'Yahoo: headers not RFC compliant',
      advice: {
        summary: 'Yahoo refused the message because its headers break the message format rules',
        explanation: 'The message headers do not follow RFC 5322, for example a missing or duplicated From, Date or Message-ID.',
        actors: ['sender-admin'],
        causes: ['Software that builds headers by hand or duplicates them.'],
        remedies: ['Generate messages with a mail library; make sure From, Date and Message-ID each appear exactly once.'],
        reason: 'content',
      },
      references: [Y_ERRORS],
    },
  ],
};

// ---- Apple iCloud ------------------------------------------------------------------------
const APPLE_POSTMASTER: Reference = { title: 'Apple: postmaster information for iCloud Mail', url: 'https://support.apple.com/en-us/HT204137' };

const APPLE: ProviderEntry = {
  id: 'apple',
  name: 'Apple iCloud Mail',
  detect: ['icloud.com', 'mail.me.com', 'support.apple.com/en-us/ht204137', 'ht204137', '[cs01]', '[cs02]', '[hm08]', '[hme1]'],
  page: APPLE_POSTMASTER,
  responses: [
    {
      id: 'apple-hme1',
      codes: [],
      textIncludes: ['[hme1]', 'failing both spf and dkim'],
      title: 'iCloud: failed both SPF and DKIM [HME1]',
      advice: {
        summary: 'iCloud Mail blocked the message because it failed both SPF and DKIM',
        explanation:
          'The [HME1] tag means the message passed neither SPF nor DKIM for the sending domain. iCloud refuses such mail, including mail forwarded to Hide My Email addresses.',
        actors: ['sender-admin'],
        causes: [
          'The sending server is missing from the SPF record.',
          'No DKIM signature, or a signature broken by changes in transit (footers, forwarding).',
          'Forwarding by a server that is not in SPF, with no DKIM to survive it.',
        ],
        remedies: [
          'Add the sending server or service to SPF.',
          'Sign every message with DKIM using your own domain.',
          'Publish DMARC and read its reports to find sources that still fail.',
        ],
        reason: 'sender-authentication',
      },
      references: [APPLE_POSTMASTER],
    },
    {
      id: 'apple-dmarc',
      codes: [],
      textIncludes: ['dmarc policy'],
      title: 'iCloud: rejected by the From domain\'s DMARC policy',
      advice: {
        summary: 'iCloud rejected the message because it failed the DMARC policy of its From domain',
        explanation:
          'The domain in the From header asks receivers to reject mail that fails DMARC, and this message did not pass SPF or DKIM aligned with that domain.',
        actors: ['sender-admin'],
        causes: [
          'A service sends as your domain without aligned DKIM or SPF.',
          'Forwarding or a mailing list broke the DKIM signature.',
        ],
        remedies: [
          'Configure DKIM with your own domain in every sending service.',
          'Use a Return-Path under your domain so SPF aligns, and check DMARC reports.',
        ],
        reason: 'sender-authentication',
      },
      references: [APPLE_POSTMASTER],
    },
    {
      id: 'apple-local-policy',
      codes: [],
      textIncludes: ['[cs01]', '[cs02]', '[hm08]', 'due to local policy'],
      title: 'iCloud: rejected due to local policy [CS01]',
      advice: {
        summary: 'iCloud Mail\'s filters refused this message (local policy); the sender must fix content or reputation',
        explanation:
          'Tags such as [CS01], [CS02] and [HM08] come with iCloud rejections "due to local policy". Apple does not publish what each tag means; in practice they are decisions of iCloud\'s spam and content filtering about the message, its links or its source.',
        actors: ['sender-admin', 'sender'],
        causes: [
          'Content or links that iCloud\'s filters associate with spam or phishing.',
          'Poor reputation of the sending IP or domain, or weak authentication.',
          'Occasionally a fault in iCloud\'s own filtering that rejects much legitimate mail at once.',
        ],
        remedies: [
          'Check that SPF, DKIM and DMARC pass for the From domain.',
          'Look for links or attachments that could trigger filters and test without them.',
          'Follow Apple\'s postmaster page; if legitimate mail keeps bouncing, contact iCloud Mail support as described there.',
        ],
        reason: 'policy',
      },
      references: [APPLE_POSTMASTER],
    },
    {
      id: 'apple-excessive-volume',
      codes: ['4.7.1'],
      textIncludes: ['excessive volume'],
      title: 'iCloud: deferred for excessive volume',
      advice: {
        summary: 'iCloud is deferring mail to this recipient because too much is arriving',
        explanation: 'iCloud limits the volume of mail it accepts, here counted for one recipient or from your source. The message is retried later.',
        actors: ['nobody', 'sender-admin'],
        causes: ['A burst of messages to the same iCloud address.', 'High volume from your servers to iCloud in a short time.'],
        remedies: ['Let your server retry.', 'Spread large sends to iCloud addresses over a longer time.'],
        reason: 'rate-limited',
      },
      references: [APPLE_POSTMASTER],
    },
    {
      id: 'apple-5.1.6-moved',
      codes: ['5.1.6'],
      title: 'iCloud: recipient no longer on server',
      advice: {
        summary: 'The iCloud address is no longer hosted on iCloud and no new address is given',
        explanation: 'The address existed but is no longer served by iCloud, for example a custom domain that moved away or an account that was closed.',
        actors: ['sender'],
        causes: ['The recipient moved their mail elsewhere.', 'The account or custom-domain address was removed.'],
        remedies: ['Stop sending to the address and ask the recipient for their current one.'],
        reason: 'has-moved',
      },
      references: [APPLE_POSTMASTER],
    },
    {
      id: 'apple-5.1.1',
      codes: ['5.1.1'],
      title: 'iCloud: inactive or unknown address',
      advice: {
        summary: 'The iCloud address does not exist or is inactive',
        explanation: 'iCloud reports the address as unknown or inactive; it will not accept mail for it.',
        actors: ['sender'],
        causes: ['A typo in the address.', 'An account that was closed or has not been used for a long time.'],
        remedies: ['Check the address with the recipient.', 'Remove it from your lists.'],
        reason: 'user-unknown',
      },
      references: [APPLE_POSTMASTER],
    },
    {
      id: 'apple-over-quota',
      codes: ['5.2.2', '4.2.2'],
      title: 'iCloud: mailbox over quota',
      advice: {
        summary: 'The iCloud recipient has used up their iCloud storage',
        explanation: 'iCloud Mail shares the account\'s iCloud storage. It is full, so new mail is refused until the recipient frees space or upgrades.',
        actors: ['recipient'],
        causes: ['iCloud storage filled by backups, photos or mail.'],
        remedies: ['Tell the recipient by another channel that their iCloud storage is full.', 'Resend after they have freed space.'],
        reason: 'mailbox-full',
      },
      references: [APPLE_POSTMASTER],
    },
    {
      id: 'apple-not-accepting',
      codes: [],
      textIncludes: ['not accepting connections'],
      title: 'iCloud: not accepting connections',
      advice: {
        summary: 'iCloud refused the connection from your server',
        explanation: 'The iCloud mail server would not start a session with your IP address, which usually means it is blocking or throttling the source.',
        actors: ['sender-admin'],
        causes: ['Poor reputation or blocklisting of the sending IP.', 'Too many connections from your server.'],
        remedies: ['Check the IP on public blocklists and at Proofpoint\'s IP check.', 'Reduce concurrency to iCloud and let mail retry.'],
        reason: 'blocked',
      },
      references: [APPLE_POSTMASTER],
    },
  ],
};

// ---- Spamhaus (DNS blocklists, quoted by many receivers) -----------------------------------
const SH_CHECK: Reference = { title: 'Spamhaus IP and domain reputation checker', url: 'https://check.spamhaus.org' };
const SH_ZONES: Reference = {
  title: 'Spamhaus: blocklist zones and return codes',
  url: 'https://docs.spamhaus.com/datasets/docs/source/10-data-type-documentation/datasets/040-zones.html',
};
const SH_PUBLIC_MIRRORS_POSTFIX: Reference = {
  title: 'Spamhaus: using the public mirrors with Postfix (return codes to ignore)',
  url: 'https://docs.spamhaus.com/datasets/docs/source/40-real-world-usage/PublicMirrors/MTAs/020-Postfix.html',
};

const SPAMHAUS: ProviderEntry = {
  id: 'spamhaus',
  name: 'Spamhaus blocklists (SBL, XBL, PBL, CSS, DBL, ZEN)',
  detect: ['spamhaus', 'cbl.abuseat.org'],
  page: SH_ZONES,
  responses: [
    {
      id: 'spamhaus-open-resolver',
      codes: [],
      textIncludes: ['open resolver', 'returnc/pub', '127.255.255.254', 'public resolver'],
      title: 'Spamhaus: query refused from a public resolver (receiver misconfigured)',
      advice: {
        summary: 'Not a listing: the receiver queried Spamhaus through a public DNS resolver, which Spamhaus refuses',
        explanation:
          'Spamhaus does not answer blocklist queries that come through large public or open DNS resolvers; it returns an error code (127.255.255.254) instead. A receiving server that treats any answer as "listed" then rejects everybody. Your IP is not necessarily listed at all: the fault is in the receiver\'s DNS setup.',
        actors: ['recipient-admin'],
        causes: [
          'The receiving mail server uses a public resolver (for example 8.8.8.8 or 1.1.1.1) or its cloud provider\'s shared resolver.',
          'Its blocklist configuration does not ignore Spamhaus error return codes.',
        ],
        remedies: [
          'As the sender: check your IP at https://check.spamhaus.org; if it is clean, tell the recipient\'s postmaster their Spamhaus lookups are broken.',
          'As the receiver: run a local recursive resolver for blocklist lookups, or use Spamhaus DQS with a key.',
          'As the receiver: accept only 127.0.0.x answers as listings (for Postfix, filter the zone with "=127.0.0.[2..11]").',
        ],
        reason: 'system',
      },
      references: [SH_PUBLIC_MIRRORS_POSTFIX, SH_ZONES],
    },
    {
      id: 'spamhaus-excessive-queries',
      codes: [],
      textIncludes: ['returnc/vol', '127.255.255.255', 'excessive number of queries'],
      title: 'Spamhaus: query limit exceeded (receiver misconfigured)',
      advice: {
        summary: 'Not a listing: the receiver sent more queries to the free Spamhaus mirrors than allowed',
        explanation:
          'The free public mirrors of Spamhaus are limited in volume. This receiver went over the limit and got an error code (127.255.255.255) that its software wrongly treats as a listing.',
        actors: ['recipient-admin'],
        causes: [
          'A high-volume receiver using the free mirrors instead of a data feed.',
          'Blocklist software that does not ignore Spamhaus error codes.',
        ],
        remedies: [
          'As the sender: check your IP at https://check.spamhaus.org and tell the recipient\'s postmaster if it is clean.',
          'As the receiver: switch to Spamhaus DQS or a data feed, and treat only 127.0.0.x answers as listings.',
        ],
        reason: 'system',
      },
      references: [SH_PUBLIC_MIRRORS_POSTFIX, SH_ZONES],
    },
    {
      id: 'spamhaus-dbl',
      codes: [],
      textIncludes: ['dbl.spamhaus', 'spamhaus dbl', 'query/dbl', '/dbl/', '127.0.1.'],
      title: 'Spamhaus DBL: domain listed',
      advice: {
        summary: 'A domain in the message (link, sender or HELO) is on the Spamhaus Domain Block List',
        explanation:
          'The DBL lists domains with a poor reputation: used in spam, phishing or malware, or recently registered and abused. The receiver found such a domain in the message or the envelope. The return code tells the kind of listing (for example 127.0.1.2 low reputation, .4 phishing, .5 malware, .6 botnet controller, 127.0.1.102 to .106 legitimate domains that were abused).',
        actors: ['sender', 'sender-admin'],
        causes: [
          'A link in the message points to a listed domain (often a URL shortener or a compromised site).',
          'Your own domain was listed because of spam or a compromised website.',
          'A newly registered domain used before it had any reputation.',
        ],
        remedies: [
          'Look up the domains used in the message at https://check.spamhaus.org.',
          'Remove links to listed domains; if your own domain is listed, clean up the cause and request removal there.',
        ],
        reason: 'blocked',
      },
      references: [SH_CHECK, SH_ZONES],
    },
    {
      id: 'spamhaus-pbl',
      codes: [],
      textIncludes: ['pbl.spamhaus', 'spamhaus pbl', 'query/pbl', '/pbl/', '127.0.0.10', '127.0.0.11'],
      title: 'Spamhaus PBL: IP should not send mail directly',
      advice: {
        summary: 'Your IP is in a range that should not deliver mail directly (Spamhaus Policy Block List)',
        explanation:
          'The PBL is not a spam judgement. It lists address ranges, mostly residential or dynamic, whose owners (the ISP, code 127.0.0.10) or Spamhaus (127.0.0.11) say should send mail only through an authenticated mail server, not straight to other networks.',
        actors: ['sender-admin'],
        causes: [
          'A mail server or device on a home, mobile or dynamic IP delivering directly to the internet.',
          'A new server on an address the provider has not marked as a mail server.',
        ],
        remedies: [
          'Send through your provider\'s or mail service\'s authenticated SMTP relay instead.',
          'If this is a static IP of a real mail server with proper reverse DNS, remove it from the PBL at https://check.spamhaus.org (ISP-maintained ranges need the ISP).',
        ],
        reason: 'blocked',
      },
      references: [SH_CHECK, SH_ZONES],
    },
    {
      id: 'spamhaus-css',
      codes: [],
      textIncludes: ['css.spamhaus', 'spamhaus css'],
      title: 'Spamhaus CSS: low-reputation sending detected',
      advice: {
        summary: 'Your IP is on the Spamhaus CSS, an automatic listing for low-reputation mail',
        explanation:
          'The CSS is a part of the SBL filled automatically from Spamhaus traps and sensors: it lists IPs sending mail with spam characteristics, for example "snowshoe" sending spread over many addresses, or mail from a server with bad HELO or DNS setup. Listings expire when the traffic stops.',
        actors: ['sender-admin'],
        causes: [
          'Spam or unwanted bulk mail sent from the IP, possibly by a compromised account or form.',
          'A misconfigured server (HELO name, reverse DNS) whose mail looks like spam software.',
        ],
        remedies: [
          'Look up the IP at https://check.spamhaus.org to read the reason given.',
          'Fix the cause (stop the spam, correct HELO and reverse DNS), then request removal there.',
        ],
        reason: 'blocked',
      },
      references: [SH_CHECK, SH_ZONES],
    },
    {
      id: 'spamhaus-xbl',
      codes: [],
      textIncludes: [' xbl.spamhaus', 'spamhaus xbl', 'query/xbl', 'cbl.abuseat.org', '127.0.0.4'],
      title: 'Spamhaus XBL: exploited or infected host',
      advice: {
        summary: 'Your IP is on the Spamhaus XBL: a machine behind it appears infected or exploited',
        explanation:
          'The XBL lists IP addresses of hijacked computers: malware-infected PCs, botnets, open proxies and compromised servers. Any device behind the same public IP (such as a NAT router) can cause the listing. The former CBL (cbl.abuseat.org) is now part of the XBL.',
        actors: ['sender-admin'],
        causes: [
          'Malware or a bot on a computer or device sharing the public IP.',
          'A compromised server, web application or mail account used to send spam.',
        ],
        remedies: [
          'Look up the IP at https://check.spamhaus.org; it often names the malware or behaviour seen.',
          'Find and clean the infected device, change passwords, and block outgoing port 25 except from the mail server.',
          'Request removal on the checker once the cause is fixed.',
        ],
        reason: 'blocked',
      },
      references: [SH_CHECK, SH_ZONES],
    },
    {
      id: 'spamhaus-sbl',
      codes: [],
      textIncludes: [' sbl.spamhaus', 'spamhaus sbl', 'query/sbl', '/sbl/', '127.0.0.2', '127.0.0.9'],
      title: 'Spamhaus SBL: known spam source',
      advice: {
        summary: 'Your IP or network is on the Spamhaus SBL, the list of verified spam sources',
        explanation:
          'Spamhaus researchers list IP addresses and ranges on the SBL after verifying spam, spam support services or malicious hosting from them. The DROP data (return code 127.0.0.9) marks networks controlled by criminals. A listing often covers a whole range run by a hosting provider.',
        actors: ['sender-admin'],
        causes: [
          'Spam sent from the IP or from the provider\'s range.',
          'Hosting that Spamhaus considers to serve spammers or malware.',
        ],
        remedies: [
          'Look up the IP at https://check.spamhaus.org and read the SBL record.',
          'SBL listings are usually removed through the network owner: contact your hosting or internet provider.',
          'If the whole range is listed, move mail to a provider with a clean reputation.',
        ],
        reason: 'blocked',
      },
      references: [SH_CHECK, SH_ZONES],
    },
    {
      id: 'spamhaus-listed',
      codes: [],
      textIncludes: ['spamhaus'],
      title: 'Spamhaus: listed',
      advice: {
        summary: 'The receiver found your IP or domain on a Spamhaus blocklist; check which one at check.spamhaus.org',
        explanation:
          'Many receivers refuse mail from addresses listed by Spamhaus, usually through the combined ZEN zone. The reply does not say which list matched, so look it up: the SBL (spam sources), XBL (infected hosts), PBL (ranges that should not send directly) and CSS (automatic low-reputation listings) call for different fixes.',
        actors: ['sender-admin'],
        causes: [
          'A listing of the sending IP on one of the Spamhaus lists.',
          'Sometimes a broken receiver setup that reads Spamhaus error codes as listings.',
        ],
        remedies: [
          'Look up the IP (and your domains) at https://check.spamhaus.org.',
          'Fix what the record describes, then request removal there.',
          'If nothing is listed, tell the recipient\'s postmaster their Spamhaus lookups are misconfigured.',
        ],
        reason: 'blocked',
      },
      references: [SH_CHECK, SH_ZONES],
    },
  ],
};

// ---- Proofpoint --------------------------------------------------------------------------
const PP_POSTMASTER: Reference = { title: 'Proofpoint postmaster', url: 'https://www.proofpoint.com/postmaster' };
const PP_IPCHECK: Reference = { title: 'Proofpoint IP reputation check and delisting request', url: 'https://ipcheck.proofpoint.com' };

const PROOFPOINT: ProviderEntry = {
  id: 'proofpoint',
  name: 'Proofpoint',
  detect: ['pphosted.com', 'proofpoint'],
  page: PP_POSTMASTER,
  responses: [
    {
      id: 'proofpoint-dynamic-reputation',
      codes: [],
      textIncludes: ['dynamic reputation'],
      title: 'Proofpoint: blocked by Dynamic Reputation',
      advice: {
        summary: 'Proofpoint\'s IP reputation service blocked or deferred your sending IP',
        explanation:
          'Proofpoint Dynamic Reputation scores sending IP addresses from what Proofpoint sees across all its customers. Your IP scored badly, so this Proofpoint-protected receiver refused or deferred the connection. Every organisation behind Proofpoint can be affected at once.',
        actors: ['sender-admin'],
        causes: [
          'Spam, spam-trap hits or many invalid recipients from the IP.',
          'A compromised account or server sending through the IP.',
          'A new IP address without reputation, or a shared IP with bad neighbours.',
        ],
        remedies: [
          'Check the IP at https://ipcheck.proofpoint.com and fix the cause of unwanted mail.',
          'Submit the delisting request on that page once the source is clean.',
          'Authenticate with SPF, DKIM and DMARC, and send only to opted-in recipients.',
        ],
        reason: 'blocked',
      },
      references: [PP_IPCHECK, PP_POSTMASTER],
    },
    {
      id: 'proofpoint-ipcheck',
      codes: [],
      textIncludes: ['ipcheck.proofpoint.com', 'dnsbl-lookup', 'blocked - see'],
      title: 'Proofpoint: sending IP blocked (see ipcheck)',
      advice: {
        summary: 'A Proofpoint-filtered receiver blocked your sending IP; look it up at ipcheck.proofpoint.com',
        explanation:
          'Many companies and some large mailbox providers (iCloud among them) filter inbound mail with Proofpoint. The reply points to Proofpoint\'s IP check because your sending IP has a poor reputation in Proofpoint\'s data.',
        actors: ['sender-admin'],
        causes: [
          'Spam or suspicious traffic seen from the IP across Proofpoint customers.',
          'A listing on blocklists Proofpoint uses.',
          'A new or shared IP without a good history.',
        ],
        remedies: [
          'Open the ipcheck link from the reply (or https://ipcheck.proofpoint.com) to see the IP\'s status.',
          'Stop the unwanted mail, then submit the delisting request there.',
          'If you send through a provider\'s shared IPs, ask the provider to handle the request.',
        ],
        reason: 'blocked',
      },
      references: [PP_IPCHECK, PP_POSTMASTER],
    },
  ],
};

// ---- Mimecast ----------------------------------------------------------------------------
const MC_CODES: Reference = {
  title: 'Mimecast SMTP error codes',
  url: 'https://community.mimecast.com/s/article/email-security-cloud-gateway-mimecast-smtp-error-codes',
};

const MIMECAST: ProviderEntry = {
  id: 'mimecast',
  name: 'Mimecast',
  detect: ['mimecast'],
  page: MC_CODES,
  responses: [
    {
      id: 'mimecast-auth-invalid',
      codes: [],
      textIncludes: ['spf sender invalid', 'dkim sender invalid', 'dmarc sender invalid'],
      title: 'Mimecast: SPF, DKIM or DMARC check failed',
      advice: {
        summary: 'Mimecast rejected the message because it failed the SPF, DKIM or DMARC check named in the reply',
        explanation:
          'The receiving organisation\'s Mimecast policy rejects mail that fails sender authentication. "SPF Sender Invalid" means the sending IP is not in the SPF record; "DKIM Sender Invalid" means the signature did not verify; "DMARC Sender Invalid" means the From domain\'s DMARC policy failed.',
        actors: ['sender-admin'],
        causes: [
          'The sending server is missing from the SPF record of the envelope sender domain.',
          'A DKIM key missing from DNS or not matching the one used to sign.',
          'A service sending with your From domain without aligned SPF or DKIM.',
        ],
        remedies: [
          'Add all sending servers and services to SPF.',
          'Check that the DKIM selector\'s public key is published and matches the signing key.',
          'Align SPF or DKIM with the From domain and check DMARC reports.',
          'If the failure is a false positive, the recipient\'s Mimecast administrator can adjust the DNS authentication policy.',
        ],
        reason: 'sender-authentication',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-ip-reputation',
      codes: [],
      textIncludes: ['local ct ip reputation', 'ip reputation'],
      title: 'Mimecast: poor IP reputation',
      advice: {
        summary: 'Mimecast rejected the message because of the sending IP\'s reputation',
        explanation:
          'Mimecast keeps checking the reputation of sending IPs and refused this one. The rejection can follow earlier temporary deferrals from the same checks.',
        actors: ['sender-admin', 'recipient-admin'],
        causes: [
          'Spam or unusual traffic seen from the IP.',
          'A new or shared IP with a poor history.',
        ],
        remedies: [
          'Check the IP on public blocklists and stop any unwanted mail from it.',
          'Ask the recipient\'s Mimecast administrator to allow your IP (Auto Allow or Permitted Senders policy).',
          'Request a review of your IP ranges through Mimecast\'s sender form linked from its error-code article.',
        ],
        reason: 'blocked',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-greylisting',
      codes: [],
      textIncludes: ['internal resources are temporarily unavailable'],
      title: 'Mimecast: greylisting or reputation deferral',
      advice: {
        summary: 'Mimecast deferred the message (greylisting or IP reputation); a correct retry usually gets through',
        explanation:
          'Mimecast turns away first attempts from unknown senders and expects a proper retry after a short wait; poor IP reputation can produce the same reply. Mail servers retry by themselves, and the second attempt usually succeeds within minutes to hours.',
        actors: ['nobody', 'sender-admin'],
        causes: [
          'Greylisting of a sender Mimecast has not seen before.',
          'A poor reputation of the sending IP.',
          'A sending system that retries from a different IP each time (large pools).',
        ],
        remedies: [
          'Let your server retry; do not treat this as a bounce.',
          'If it never succeeds, make sure retries come from the same IP and sender address.',
          'The recipient\'s administrator can exempt your address or IP from greylisting.',
        ],
        reason: 'greylisting',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-ip-temporarily-blocked',
      codes: [],
      textIncludes: ['ip temporarily blacklisted', 'ip temporarily blocklisted', 'recipient temporarily unavailable'],
      title: 'Mimecast: IP temporarily blocked',
      advice: {
        summary: 'Mimecast temporarily blocked your IP after too many invalid connections or recipients',
        explanation: 'Mimecast put the sending IP on a short-term block list, typically after repeated invalid connections or recipients. It lifts by itself after a few minutes if the behaviour stops.',
        actors: ['sender-admin'],
        causes: [
          'Many messages to addresses that do not exist (directory harvesting or an old list).',
          'Too many connections from the IP.',
        ],
        remedies: ['Remove invalid recipients from your lists.', 'Lower the connection rate and let the mail retry.'],
        reason: 'rate-limited',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-sender-blocked',
      codes: [],
      textIncludes: ['sender address blocked'],
      title: 'Mimecast: sender blocked by policy',
      advice: {
        summary: 'The recipient organisation blocked your sending IP or address in its Mimecast policy',
        explanation: 'A Blocked Senders policy in the recipient\'s Mimecast account matches your IP address or sender address.',
        actors: ['recipient-admin', 'sender'],
        causes: ['The recipient\'s administrator blocked your address, domain or IP.'],
        remedies: ['Contact the recipient by another channel and ask their administrator to remove the block.'],
        reason: 'blocked',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-envelope-blocked',
      codes: [],
      textIncludes: ['envelope blocked', 'blocked senders', 'block policy for envelope', 'administrative prohibition'],
      title: 'Mimecast: sender on a block list',
      advice: {
        summary: 'Your sender address or domain is on the recipient\'s Mimecast blocked-senders list',
        explanation:
          'Either the organisation (Blocked Senders policy) or the individual recipient (personal block entry) blocked your envelope or header From address or domain. An SPF hard fail can also produce this reply.',
        actors: ['recipient', 'recipient-admin'],
        causes: [
          'The recipient blocked you from their own mailbox.',
          'An administrator policy blocking your address or domain.',
          'An SPF hard fail under the recipient\'s settings.',
        ],
        remedies: [
          'Ask the recipient through another channel to unblock you or have their administrator change the policy.',
          'Check that SPF passes for your envelope sender domain.',
        ],
        reason: 'sender-rejected',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-anti-spoofing',
      codes: [],
      textIncludes: ['anti-spoofing policy'],
      title: 'Mimecast: anti-spoofing policy',
      advice: {
        summary: 'Mimecast blocked the message as spoofed: it claims to come from the recipient\'s own domain',
        explanation:
          'The recipient organisation rejects inbound mail from outside that uses one of its own domains as sender. Your message (for example from a service sending on their behalf) matched that rule.',
        actors: ['recipient-admin'],
        causes: ['A third-party service sends with the recipient organisation\'s domain as From or envelope sender.'],
        remedies: ['The recipient\'s Mimecast administrator must add an anti-spoofing exception for your sending IP or service.'],
        reason: 'policy',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-content-policy',
      codes: [],
      textIncludes: ['content examination policy'],
      title: 'Mimecast: content policy',
      advice: {
        summary: 'A content examination rule of the recipient\'s Mimecast account rejected the message',
        explanation: 'The recipient organisation scans message content and attachments with its own rules, and this message matched one.',
        actors: ['recipient-admin', 'sender'],
        causes: ['Words, attachment types or patterns that the recipient\'s rules forbid.'],
        remedies: ['Ask the recipient which rule applies, or send the content another way.'],
        reason: 'content',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-geo-block',
      codes: [],
      textIncludes: ['host network not allowed', 'host network, not allowed'],
      title: 'Mimecast: geographic restriction',
      advice: {
        summary: 'The recipient organisation does not accept mail from your IP\'s country or network',
        explanation: 'A Geographical Restriction policy in Mimecast refuses connections from certain countries or networks, and your IP falls in one.',
        actors: ['recipient-admin'],
        causes: ['Your server\'s IP is located in a region the recipient blocks.'],
        remedies: ['Ask the recipient\'s administrator to allow your IP, or send through a server in another region.'],
        reason: 'policy',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-tls',
      codes: [],
      textIncludes: ['route requires encryption', 'requires tls', 'high-strength ciphers'],
      title: 'Mimecast: TLS required',
      advice: {
        summary: 'The recipient\'s Mimecast policy requires TLS (or a newer TLS version or stronger ciphers)',
        explanation:
          'A secure receipt policy requires encryption for mail from your domain or IP. The connection was not encrypted, used a TLS version below 1.2, or used weak ciphers.',
        actors: ['sender-admin'],
        causes: [
          'STARTTLS disabled or failing on the sending server.',
          'An old TLS library that offers only TLS 1.0 or 1.1 or weak ciphers.',
          'A firewall or proxy that interferes with STARTTLS.',
        ],
        remedies: [
          'Enable STARTTLS with TLS 1.2 or later and modern ciphers.',
          'Check for firewalls that rewrite SMTP traffic.',
        ],
        reason: 'tls-required',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-open-relay',
      codes: [],
      textIncludes: ['open relay not allowed', 'open relay is not allowed'],
      title: 'Mimecast: relaying not allowed',
      advice: {
        summary: 'Mimecast refused to relay: neither sender nor recipient domain belongs to a Mimecast customer here',
        explanation: 'The connection tried to pass mail between two outside domains, or came from an IP Mimecast does not know as an authorised outbound source.',
        actors: ['sender-admin'],
        causes: [
          'Outbound mail sent to Mimecast from an IP not registered as an authorised outbound address.',
          'A wrong route or MX pointing to Mimecast for a domain not set up there.',
        ],
        remedies: ['Mimecast customers: have the sending IP added as an authorised outbound address.', 'Check MX records and routing.'],
        reason: 'relay-denied',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-invalid-recipient',
      codes: [],
      textIncludes: ['invalid recipient'],
      title: 'Mimecast: invalid recipient',
      advice: {
        summary: 'Mimecast did not find the recipient among the organisation\'s valid addresses',
        explanation: 'Recipient validation in Mimecast (known recipients, directory lookup or call-forward) returned no valid user for this address.',
        actors: ['sender', 'recipient-admin'],
        causes: ['A typo or removed address.', 'A directory sync gap at the recipient organisation.'],
        remedies: ['Check the address and resend.', 'If you run the recipient domain, check Mimecast\'s directory synchronisation.'],
        reason: 'user-unknown',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-too-large',
      codes: [],
      textIncludes: ['maximum mail size exceeded'],
      title: 'Mimecast: message too large',
      advice: {
        summary: 'The message exceeds the size limit of the recipient\'s Mimecast policy or of Mimecast itself',
        explanation: 'Encoding makes attachments about a third larger than on disk, so messages can pass the limit even when the files look small enough.',
        actors: ['sender'],
        causes: ['Large attachments.'],
        remedies: ['Share large files by link, or compress and split them.'],
        reason: 'too-large',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-too-many-recipients',
      codes: [],
      textIncludes: ['too many recipients'],
      title: 'Mimecast: too many recipients',
      advice: {
        summary: 'Mimecast accepts at most 100 recipients per message transfer; send the rest separately',
        explanation: 'The temporary reply asks the sending server to deliver the first recipients and try the others in a new transaction. Most servers do this by themselves.',
        actors: ['nobody', 'sender-admin'],
        causes: ['More than 100 RCPT TO commands in one transaction.', 'A firewall SMTP inspection feature that does not pass the temporary reply correctly.'],
        remedies: ['Let the server retry the remaining recipients.', 'Disable SMTP fix-up or inspection features on firewalls in the path.'],
        reason: 'too-many-recipients',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-mail-loop',
      codes: [],
      textIncludes: ['mail loop detected'],
      title: 'Mimecast: mail loop',
      advice: {
        summary: 'Mimecast rejected the message after too many hops: it is caught in a forwarding loop',
        explanation: 'The message has too many Received headers, which means it kept being forwarded between systems.',
        actors: ['sender-admin', 'recipient-admin'],
        causes: ['Forwarding rules or routes that point back at each other.'],
        remedies: ['Check forwarding rules on both sides and the Received headers to find the loop.'],
        reason: 'network',
      },
      references: [MC_CODES],
    },
    {
      id: 'mimecast-smtp-auth',
      codes: [],
      textIncludes: ['incorrect authentication data', 'submitter failed to authenticate'],
      title: 'Mimecast: SMTP authentication failed',
      advice: {
        summary: 'Mimecast refused the SMTP login: the credentials for submission were wrong',
        explanation: 'Submission to Mimecast on port 587 requires logging in with an internal address and its Mimecast cloud password.',
        actors: ['sender'],
        causes: ['A wrong user name or password.', 'The account has no Mimecast cloud password set.'],
        remedies: ['Check the credentials configured in the client or device.', 'Or send through port 25 from an authorised IP instead.'],
        reason: 'smtp-auth',
      },
      references: [MC_CODES],
    },
  ],
};

// ---- Barracuda ---------------------------------------------------------------------------
const BA_CODES: Reference = {
  title: 'Barracuda Email Security Gateway: SMTP error codes',
  url: 'https://campus.barracuda.com/product/emailsecuritygateway/article/BSF/SMTPErrorCodes/',
};
const BA_REMOVAL: Reference = { title: 'Barracuda Reputation Block List: removal request', url: 'https://www.barracudacentral.org/rbl/removal-request' };

const BARRACUDA: ProviderEntry = {
  id: 'barracuda',
  name: 'Barracuda (Email Security Gateway / Email Protection)',
  detect: ['barracuda'],
  page: BA_CODES,
  responses: [
    {
      id: 'barracuda-reputation',
      codes: [],
      textIncludes: ['barracuda reputation', 'barracudacentral', 'bbl.barracuda'],
      title: 'Barracuda: IP on the Barracuda Reputation Block List',
      advice: {
        summary: 'Your sending IP is on the Barracuda Reputation Block List (BRBL); request removal at barracudacentral.org',
        explanation:
          'Barracuda appliances and cloud filters, and other receivers using the public BRBL, refuse mail from IP addresses Barracuda rates as spam sources. The listing is for the IP, not for one message.',
        actors: ['sender-admin'],
        causes: [
          'Spam or spam-trap hits from the IP, often from a compromised account or server.',
          'Missing reverse DNS or a generic host name that looks like a home connection.',
          'A shared IP whose other users send spam.',
        ],
        remedies: [
          'Stop any unwanted mail from the IP and make sure it has proper reverse DNS.',
          'Request removal at https://www.barracudacentral.org/rbl/removal-request (the IP, a contact address and a reason).',
          'Retry once the listing has been removed.',
        ],
        reason: 'blocked',
      },
      references: [BA_REMOVAL, BA_CODES],
    },
    {
      id: 'barracuda-ess-blocked',
      codes: [],
      textIncludes: [':blocked)', 'permanent failure for one or more recipients'],
      title: 'Barracuda Email Protection: message blocked',
      advice: {
        summary: 'The recipient\'s Barracuda cloud filter blocked this message (spam score or policy)',
        explanation:
          'Barracuda\'s cloud service refused the message for the listed recipient. The reply does not say why: it can be the spam score, a content or attachment rule, an intent (link) check, or a sender policy set by the recipient\'s administrator.',
        actors: ['sender', 'recipient-admin'],
        causes: [
          'The message scored as spam, or its links point to domains with a bad reputation.',
          'A rule of the recipient organisation about senders, attachments or content.',
          'The sending IP or domain has a poor reputation.',
        ],
        remedies: [
          'Ask the recipient to look the message up in their Barracuda message log, which shows the exact reason.',
          'Check that SPF, DKIM and DMARC pass, and that your IP is not on the BRBL or other blocklists.',
          'Ask the recipient\'s administrator to allow your address if the mail is wanted.',
        ],
        reason: 'policy',
      },
      references: [BA_CODES],
    },
    {
      id: 'barracuda-420',
      codes: ['420'],
      title: 'Barracuda: deferred for suspect content',
      advice: {
        summary: 'Barracuda deferred the message because its content looks suspicious (non-standard 420 reply)',
        explanation:
          'Barracuda\'s gateway uses the non-standard reply code 420 to hold back a message whose content is suspect, for example while a link or attachment is being analysed. Sending servers treat it as a temporary failure and retry.',
        actors: ['nobody', 'sender'],
        causes: ['Links or attachments under analysis or with a doubtful reputation.'],
        remedies: ['Let your server retry.', 'If it keeps failing, remove or replace the suspect links or attachments.'],
        reason: 'spam',
      },
      references: [BA_CODES],
    },
  ],
};

// ---- Cisco Secure Email (IronPort) ---------------------------------------------------------
const CISCO_GUIDE: Reference = {
  title: 'Cisco Secure Email Gateway (AsyncOS) user guides',
  url: 'https://www.cisco.com/c/en/us/support/security/email-security-appliance/products-user-guide-list.html',
};
const TALOS_REPUTATION: Reference = { title: 'Cisco Talos IP and domain reputation center', url: 'https://talosintelligence.com/reputation_center' };

const CISCO: ProviderEntry = {
  id: 'cisco',
  name: 'Cisco Secure Email (IronPort / ESA)',
  detect: ['iphmx.com', 'ironport', 'spf unauthorized mail is prohibited', 'temporary error occurred during spf verification'],
  page: CISCO_GUIDE,
  responses: [
    {
      id: 'cisco-spf-reject',
      codes: ['5.7.1', '550'],
      textIncludes: ['spf unauthorized', 'spf'],
      title: 'Cisco Secure Email: SPF failure',
      advice: {
        summary: 'The recipient\'s Cisco gateway rejected the message because SPF does not authorise your server',
        explanation:
          'The Cisco Secure Email Gateway checked SPF for the sender and found that the sending IP is not allowed by the domain\'s SPF record; its mail-flow policy rejects such mail (default text "SPF unauthorized mail is prohibited").',
        actors: ['sender-admin'],
        causes: [
          'The sending server or service is missing from the SPF record of the envelope sender or HELO domain.',
          'Forwarding through a server that is not in SPF.',
        ],
        remedies: [
          'Add the sending IP or the service\'s include to the SPF record.',
          'Check the record with an SPF validator and keep it under ten DNS lookups.',
        ],
        reason: 'sender-authentication',
      },
      references: [CISCO_GUIDE],
    },
    {
      id: 'cisco-spf-temperror',
      codes: ['4.4.3', '451'],
      textIncludes: ['spf verification', 'spf'],
      title: 'Cisco Secure Email: temporary SPF error',
      advice: {
        summary: 'The recipient\'s Cisco gateway could not finish the SPF check (DNS problem) and deferred the message',
        explanation:
          'The SPF lookup for your domain failed temporarily, usually because DNS did not answer in time. The gateway defers the message and your server will retry.',
        actors: ['sender-admin', 'nobody'],
        causes: [
          'Slow or failing authoritative DNS servers for the sending domain.',
          'An SPF record with many nested includes that time out.',
        ],
        remedies: [
          'Check that the domain\'s DNS servers answer reliably for TXT queries.',
          'Simplify the SPF record (fewer includes), then let the mail retry.',
        ],
        reason: 'sender-authentication',
      },
      references: [CISCO_GUIDE],
    },
    {
      id: 'cisco-reputation',
      codes: [],
      textIncludes: ['senderbase', 'talos'],
      title: 'Cisco Secure Email: sender reputation',
      advice: {
        summary: 'The recipient\'s Cisco gateway refused your IP because of its Talos (SenderBase) reputation',
        explanation:
          'Cisco gateways sort connecting IPs by their Talos reputation score into mail-flow policies; low scores are throttled or blocked, with codes and text chosen by the administrator.',
        actors: ['sender-admin'],
        causes: ['Spam or unusual volume from the IP.', 'A new IP or one with poor reverse DNS.'],
        remedies: [
          'Look up the IP at https://talosintelligence.com/reputation_center and open a reputation ticket there if it is wrong.',
          'Fix the source of unwanted mail and make sure reverse DNS and authentication are in place.',
        ],
        reason: 'blocked',
      },
      references: [TALOS_REPUTATION, CISCO_GUIDE],
    },
  ],
};

// ---- SpamCop -----------------------------------------------------------------------------
const SPAMCOP_BL: Reference = { title: 'SpamCop Blocking List: lookup and explanation', url: 'https://www.spamcop.net/bl.shtml' };

const SPAMCOP: ProviderEntry = {
  id: 'spamcop',
  name: 'SpamCop Blocking List',
  detect: ['spamcop'],
  page: SPAMCOP_BL,
  responses: [
    {
      id: 'spamcop-listed',
      codes: [],
      textIncludes: ['spamcop'],
      title: 'SpamCop: IP listed',
      advice: {
        summary: 'Your sending IP is on the SpamCop Blocking List because recipients reported spam from it',
        explanation:
          'SpamCop lists IP addresses that its users and spam traps report as sources of spam. Listings are automatic and expire by themselves once the reports stop, usually within a day.',
        actors: ['sender-admin'],
        causes: [
          'Spam reports or spam-trap hits for mail from the IP.',
          'A compromised account, form or server sending spam.',
          'Backscatter: bounces or auto-replies sent to forged senders.',
        ],
        remedies: [
          'Look up the IP at https://www.spamcop.net/bl.shtml to see whether and why it is listed.',
          'Stop the source of the reports (spam, backscatter, compromised accounts).',
          'Wait for the listing to expire, then let the mail retry.',
        ],
        reason: 'blocked',
      },
      references: [SPAMCOP_BL],
    },
  ],
};

export const PROVIDERS: readonly ProviderEntry[] = [
  GMAIL,
  YAHOO,
  APPLE,
  SPAMHAUS,
  SPAMCOP,
  PROOFPOINT,
  MIMECAST,
  BARRACUDA,
  CISCO,
  MICROSOFT,
];
