import { Alphabet as A, contextual, handWritten, prefixed, prefixedAny, sampleOf, type FormatPart, type SecretRule } from './rule-kit';

const uuid: readonly FormatPart[] = [[A.hexLower, 8], '-', [A.hexLower, 4], '-', [A.hexLower, 4], '-', [A.hexLower, 4], '-', [A.hexLower, 12]];

/** AI and model providers. */
export const aiRules: readonly SecretRule[] = [
  prefixed('openai-project-key', 'OpenAI project API key', ['sk-proj-', [A.alnumUnderscoreDash, 40, 200]], 'sk-proj-'),
  prefixed('openai-service-account-key', 'OpenAI service account key', ['sk-svcacct-', [A.alnumUnderscoreDash, 40, 200]], 'sk-svcacct-'),
  prefixed('openai-admin-key', 'OpenAI admin key', ['sk-admin-', [A.alnumUnderscoreDash, 40, 200]], 'sk-admin-'),
  handWritten(
    'openai-legacy-key',
    'OpenAI API key (legacy, with the T3BlbkFJ marker)',
    ['t3blbkfj'],
    /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}/,
    (random) => {
      const secret = `sk-${sampleOf([[A.alnum, 20]], random)}T3BlbkFJ${sampleOf([[A.alnum, 20]], random)}`;
      return { line: `OPENAI_API_KEY=${secret}`, secret };
    },
    'T3BlbkFJ alone',
  ),
  prefixed('anthropic-api-key', 'Anthropic API key', ['sk-ant-api03-', [A.alnumUnderscoreDash, 80, 120]], 'sk-ant-api03-'),
  prefixed('anthropic-admin-key', 'Anthropic admin key', ['sk-ant-admin01-', [A.alnumUnderscoreDash, 80, 120]], 'sk-ant-admin01-'),
  prefixed('anthropic-oauth-token', 'Anthropic OAuth token (Claude Code)', ['sk-ant-oat01-', [A.alnumUnderscoreDash, 80, 120]], 'sk-ant-oat01-'),
  prefixed('groq-api-key', 'Groq API key', ['gsk_', [A.alnum, 52]], 'gsk_'),
  prefixed('huggingface-token', 'Hugging Face user access token', ['hf_', [A.letters, 34, 40]], 'hf_hub_download'),
  prefixed('huggingface-org-token', 'Hugging Face organization token', ['api_org_', [A.letters, 34]], 'api_org_'),
  prefixed('replicate-token', 'Replicate API token', ['r8_', [A.alnum, 37]], 'r8_'),
  prefixed('perplexity-key', 'Perplexity API key', ['pplx-', [A.alnum, 48]], 'pplx-'),
  prefixed('xai-key', 'xAI API key', ['xai-', [A.alnum, 80]], 'xai-'),
  prefixed('langsmith-key', 'LangSmith API key', ['lsv2_', ['ps', 1], ['kt', 1], '_', [A.hexLower, 32], '_', [A.hexLower, 10]], 'lsv2_', {
    keywords: ['lsv2_'],
  }),
  contextual('cohere-key', 'Cohere API key', ['cohere', 'co_api_key'], [[A.alnum, 40]], 'cohere: ok'),
  contextual('mistral-key', 'Mistral API key', ['mistral'], [[A.alnum, 32]], 'mistral-7b'),
  contextual('deepseek-key', 'DeepSeek API key', ['deepseek'], ['sk-', [A.hexLower, 32]], 'deepseek-coder'),
  prefixed('pinecone-key', 'Pinecone API key', ['pcsk_', [A.alnum, 5, 6], '_', [A.alnum, 60, 70]], 'pcsk_'),
];

/** Payments and commerce. */
export const paymentRules: readonly SecretRule[] = [
  prefixedAny('stripe-secret-key', 'Stripe secret key', ['sk_live_', 'sk_test_'], [[A.alnum, 24, 247]], 'sk_live_'),
  prefixedAny('stripe-restricted-key', 'Stripe restricted key', ['rk_live_', 'rk_test_'], [[A.alnum, 24, 247]], 'rk_test_'),
  prefixed('stripe-webhook-secret', 'Stripe webhook signing secret', ['whsec_', [A.alnum, 32, 64]], 'whsec_'),
  prefixed('square-access-token', 'Square access token', ['EAAA', [A.alnumUnderscoreDash, 60]], 'EAAA'),
  prefixed('square-legacy-token', 'Square OAuth token (legacy)', ['sq0atp-', [A.alnumUnderscoreDash, 22]], 'sq0atp-'),
  prefixed('square-oauth-secret', 'Square OAuth secret', ['sq0csp-', [A.alnumUnderscoreDash, 43]], 'sq0csp-'),
  handWritten(
    'braintree-access-token',
    'Braintree / PayPal access token',
    ['access_token$'],
    /access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}/,
    (random) => {
      const secret = `access_token$production$${sampleOf([[A.lowerNum, 16]], random)}$${sampleOf([[A.hexLower, 32]], random)}`;
      return { line: `BT_TOKEN=${secret}`, secret };
    },
    'access_token$',
  ),
  handWritten(
    'plaid-access-token',
    'Plaid access token',
    ['access-sandbox-', 'access-development-', 'access-production-'],
    /access-(?:sandbox|development|production)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}/,
    (random) => {
      const secret = `access-production-${sampleOf(uuid, random)}`;
      return { line: `plaid item ${secret}`, secret };
    },
    'access-production-',
  ),
  prefixedAny('razorpay-key', 'Razorpay key', ['rzp_live_', 'rzp_test_'], [[A.alnum, 14]], 'rzp_live_'),
  prefixedAny('flutterwave-secret', 'Flutterwave secret key', ['FLWSECK-', 'FLWSECK_TEST-'], [[A.hexLower, 32], '-X'], 'FLWSECK-'),
  prefixedAny(
    'shopify-token',
    'Shopify access token (admin, custom app, private app, shared secret)',
    ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    [[A.hex, 32]],
    'shpat_',
  ),
  prefixedAny('gocardless-token', 'GoCardless access token', ['live_', 'sandbox_'], [[A.alnumUnderscoreDash, 40]], 'live_reload'),
  prefixedAny('easypost-key', 'EasyPost API key', ['EZAK', 'EZTK'], [[A.alnum, 54]], 'EZAK'),
  prefixedAny('duffel-token', 'Duffel API token', ['duffel_live_', 'duffel_test_'], [[A.alnumUnderscoreDash, 43]], 'duffel_test_'),
  prefixedAny('shippo-token', 'Shippo API token', ['shippo_live_', 'shippo_test_'], [[A.hexLower, 40]], 'shippo_live_'),
  contextual('coinbase-key', 'Coinbase access token', ['coinbase'], [[A.alnumUnderscoreDash, 64]], 'coinbase: up'),
  contextual('adyen-key', 'Adyen API key', ['adyen'], ['AQE', [A.alnum + '+/=', 80, 200]], 'adyen-web'),
  contextual('paypal-secret', 'PayPal client secret', ['paypal'], [['A-Za-z0-9_-', 80]], 'paypal sandbox'),
  contextual('chargebee-key', 'Chargebee API key', ['chargebee'], ['live_', [A.alnum, 32, 40]], 'chargebee: live_'),
];

/** Chat, mail and messaging. */
export const messagingRules: readonly SecretRule[] = [
  prefixedAny('slack-bot-token', 'Slack bot token', ['xoxb-'], [[A.digits, 10, 13], '-', [A.digits, 10, 13], '-', [A.alnum, 24, 34]], 'xoxb-'),
  prefixedAny(
    'slack-user-token',
    'Slack user token',
    ['xoxp-'],
    [[A.digits, 10, 13], '-', [A.digits, 10, 13], '-', [A.digits, 10, 13], '-', [A.hexLower, 32]],
    'xoxp-',
  ),
  prefixed(
    'slack-app-token',
    'Slack app-level token',
    ['xapp-', [A.digits, 1], '-', [A.upperNum, 9, 12], '-', [A.digits, 10, 13], '-', [A.hexLower, 64]],
    'xapp-',
  ),
  prefixed('slack-config-token', 'Slack configuration access token', ['xoxe.xox', ['bp', 1], '-', [A.digits, 1], '-', [A.alnum, 163, 166]], 'xoxe.xoxp-', {
    keywords: ['xoxe.xox'],
  }),
  prefixed('slack-config-refresh-token', 'Slack configuration refresh token', ['xoxe-', [A.digits, 1], '-', [A.alnum, 146, 150]], 'xoxe-'),
  prefixedAny(
    'slack-legacy-token',
    'Slack legacy token (workspace, admin, refresh, session)',
    ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-', 'xoxc-', 'xoxd-'],
    [['A-Za-z0-9_%-', 10, 250]],
    'xoxa-',
  ),
  handWritten(
    'slack-webhook-url',
    'Slack webhook URL (incoming, workflow, trigger)',
    ['hooks.slack.com'],
    /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9+/_-]{40,120})/,
    (random) => {
      const secret = `T${sampleOf([[A.upperNum, 8]], random)}/B${sampleOf([[A.upperNum, 8]], random)}/${sampleOf([[A.alnum, 24]], random)}`;
      return { line: `curl -X POST https://hooks.slack.com/services/${secret} -d '{"text":"deployed"}'`, secret };
    },
    'https://hooks.slack.com/services/',
  ),
  handWritten(
    'discord-webhook-url',
    'Discord webhook URL',
    ['discord'],
    /discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/(?<secret>[A-Za-z0-9_-]{60,80})/,
    (random) => {
      const secret = sampleOf([[A.alnumUnderscoreDash, 68]], random);
      return { line: `https://discord.com/api/webhooks/${sampleOf([[A.digits, 18]], random)}/${secret}`, secret };
    },
    'https://discord.com/api/webhooks/',
  ),
  contextual(
    'discord-bot-token',
    'Discord bot token',
    ['discord'],
    [['MNO', 1], [A.alnumUnderscoreDash, 23, 25], '.', [A.alnumUnderscoreDash, 6], '.', [A.alnumUnderscoreDash, 27, 38]],
    'discord.py',
  ),
  handWritten(
    'msteams-webhook-url',
    'Microsoft Teams incoming webhook URL',
    ['webhook.office.com'],
    /webhook\.office\.com\/webhookb2\/(?<secret>[A-Za-z0-9@/_-]{60,300})/,
    (random) => {
      const secret = `${sampleOf(uuid, random)}@${sampleOf(uuid, random)}/IncomingWebhook/${sampleOf([[A.hexLower, 32]], random)}/${sampleOf(uuid, random)}`;
      return { line: `https://acme.webhook.office.com/webhookb2/${secret}`, secret };
    },
    'webhook.office.com',
  ),
  handWritten(
    'telegram-bot-token',
    'Telegram bot token',
    [':aa'],
    /(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/,
    (random) => {
      const secret = `${sampleOf([[A.digits, 10]], random)}:AA${sampleOf([[A.alnumUnderscoreDash, 33]], random)}`;
      return { line: `TELEGRAM_BOT=${secret}`, secret };
    },
    '12:AA',
  ),
  prefixed('twilio-api-key', 'Twilio API key SID', ['SK', [A.hexLower, 32]], 'SKIP', { keywords: ['sk'] }),
  contextual('twilio-auth-token', 'Twilio auth token', ['twilio'], [[A.hexLower, 32]], 'twilio: sent'),
  prefixed('sendgrid-api-key', 'SendGrid API key', ['SG.', [A.alnumUnderscoreDash, 22], '.', [A.alnumUnderscoreDash, 43]], 'SG.'),
  prefixed('mailgun-private-key', 'Mailgun private API key', ['key-', [A.hexLower, 32]], 'key-value'),
  prefixed('mailgun-pub-key', 'Mailgun public validation key', ['pubkey-', [A.hexLower, 32]], 'pubkey-'),
  handWritten(
    'mailchimp-api-key',
    'Mailchimp API key',
    ['-us'],
    /(?<![a-f0-9])[a-f0-9]{32}-us[0-9]{1,2}(?![0-9])/,
    (random) => {
      const secret = `${sampleOf([[A.hexLower, 32]], random)}-us${Math.floor(random() * 20) + 1}`;
      return { line: `MAILCHIMP=${secret}`, secret };
    },
    'deadbeef-us1',
  ),
  prefixed('brevo-api-key', 'Brevo (Sendinblue) API key', ['xkeysib-', [A.hexLower, 64], '-', [A.alnum, 16]], 'xkeysib-'),
  contextual('mailjet-key', 'Mailjet API secret', ['mailjet', 'mj_apikey'], [[A.hexLower, 32]], 'mailjet: ok'),
  contextual('postmark-token', 'Postmark server token', ['postmark'], uuid, 'postmark: sent'),
  contextual('messagebird-key', 'MessageBird API key', ['messagebird'], [[A.alnum, 25]], 'messagebird'),
  contextual('mattermost-token', 'Mattermost access token', ['mattermost'], [[A.lowerNum, 26]], 'mattermost'),
  prefixed(
    'zoom-jwt',
    'Zoom JWT',
    ['eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOm51bGws', [A.alnumUnderscoreDash, 20, 400], '.', [A.alnumUnderscoreDash, 43]],
    'eyJhbGciOiJIUzI1NiJ9',
  ),
  handWritten(
    'twitter-bearer-token',
    'X / Twitter bearer token',
    ['aaaaaaaaaaaaaaaaaaaaa'],
    /A{22}[A-Za-z0-9%]{80,120}/,
    (random) => {
      const secret = `${'A'.repeat(22)}${sampleOf([[A.alnum, 90]], random)}`;
      return { line: `TWITTER_BEARER=${secret}`, secret };
    },
    'AAAA',
  ),
  handWritten(
    'facebook-access-token',
    'Facebook / Meta access token',
    ['eaa'],
    /(?<![A-Za-z0-9])EAA[MC][A-Za-z0-9]{100,400}/,
    (random) => {
      const secret = `EAAM${sampleOf([[A.alnum, 120]], random)}`;
      return { line: `fb_token=${secret}`, secret };
    },
    'EAAM',
  ),
  contextual('facebook-app-secret', 'Facebook app secret', ['facebook', 'fb_secret'], [[A.hexLower, 32]], 'facebook.com'),
  contextual('linkedin-secret', 'LinkedIn client secret', ['linkedin'], [[A.alnum, 16]], 'linkedin.com'),
];

/** Observability, incident response and on-call. */
export const observabilityRules: readonly SecretRule[] = [
  contextual('datadog-api-key', 'Datadog API key', ['datadog', 'dd_api_key', 'dd-api-key', 'dd_site'], [[A.hexLower, 32]], 'datadog-agent status'),
  contextual(
    'datadog-app-key',
    'Datadog application key',
    ['dd_app_key', 'dd-application-key', 'dd_application_key', 'datadog_app'],
    [[A.hexLower, 40]],
    'dd_app_key:',
  ),
  contextual('pagerduty-key', 'PagerDuty API token', ['pagerduty', 'pd_token', 'pd_api'], [['A-Za-z0-9_+-', 20]], 'pagerduty incident'),
  contextual(
    'pagerduty-integration-key',
    'PagerDuty integration (routing) key',
    ['routing_key', 'integration_key', 'service_key'],
    [[A.hexLower, 32]],
    'routing_key:',
  ),
  contextual('opsgenie-key', 'Opsgenie API key', ['opsgenie', 'genie'], uuid, 'opsgenie: ok'),
  contextual('splunk-hec-token', 'Splunk HEC token', ['splunk'], uuid, 'splunk search'),
  contextual('sumologic-key', 'Sumo Logic access key', ['sumo'], [[A.alnum, 64]], 'sumo: ok'),
  contextual('honeycomb-key', 'Honeycomb API key', ['honeycomb', 'x-honeycomb-team'], [[A.alnum, 22, 32]], 'honeycomb: ok'),
  prefixed('new-relic-user-key', 'New Relic user API key', ['NRAK-', [A.upperNum, 27]], 'NRAK-'),
  prefixed('new-relic-insert-key', 'New Relic insights insert key', ['NRII-', [A.alnumUnderscoreDash, 32]], 'NRII-'),
  prefixed('new-relic-browser-key', 'New Relic browser API key', ['NRJS-', [A.hexLower, 19]], 'NRJS-'),
  handWritten(
    'new-relic-license-key',
    'New Relic license (ingest) key',
    ['nral'],
    /(?<![a-fA-F0-9])[a-fA-F0-9]{36}NRAL(?![A-Za-z0-9])/,
    (random) => {
      const secret = `${sampleOf([[A.hexLower, 36]], random)}NRAL`;
      return { line: `NEW_RELIC_LICENSE_KEY=${secret}`, secret };
    },
    'NRAL',
  ),
  prefixed('grafana-cloud-token', 'Grafana Cloud API token', ['glc_', [A.alnum + '+/=', 32, 400]], 'glc_'),
  prefixed('grafana-service-account-token', 'Grafana service account token', ['glsa_', [A.alnum, 32], '_', [A.hex, 8]], 'glsa_'),
  prefixed('grafana-api-key', 'Grafana API key (legacy)', ['eyJrIjoi', [A.alnum + '=', 70, 400]], 'eyJrIjoi'),
  prefixed('dynatrace-token', 'Dynatrace API token', ['dt0c01.', [A.upperNum, 24], '.', [A.upperNum, 64]], 'dt0c01.'),
  handWritten(
    'sentry-dsn',
    'Sentry DSN (its key)',
    ['sentry.io', 'ingest.'],
    /https?:\/\/(?<secret>[a-f0-9]{32})@[a-z0-9.-]*(?:sentry\.io|ingest\.)/,
    (random) => {
      const secret = sampleOf([[A.hexLower, 32]], random);
      return { line: `SENTRY_DSN=https://${secret}@o123456.ingest.sentry.io/42`, secret };
    },
    'https://sentry.io/',
  ),
  prefixed('sentry-org-token', 'Sentry organization auth token', ['sntrys_eyJ', [A.alnum + '+/=_', 60, 400]], 'sntrys_'),
  prefixed('sentry-user-token', 'Sentry user auth token', ['sntryu_', [A.hexLower, 64]], 'sntryu_'),
  contextual(
    'launchdarkly-key',
    'LaunchDarkly SDK or API key',
    ['launchdarkly', 'ld_sdk', 'ld_api'],
    [['as', 1], ['dp', 1], ['ik', 1], '-', ...uuid],
    'launchdarkly: on',
  ),
  contextual('algolia-admin-key', 'Algolia admin key', ['algolia'], [[A.hexLower, 32]], 'algolia search'),
  contextual('elastic-cloud-key', 'Elastic Cloud API key', ['elastic', 'es_api_key'], [[A.alnum + '=', 60, 100]], 'elasticsearch: green'),
  contextual('snyk-token', 'Snyk API token', ['snyk'], uuid, 'snyk test'),
  contextual('okta-token', 'Okta API token', ['okta'], ['00', [A.alnumUnderscoreDash, 40]], 'okta: ok'),
  contextual('auth0-secret', 'Auth0 client secret', ['auth0'], [[A.alnumUnderscoreDash, 64]], 'auth0.com'),
  contextual('statuspage-key', 'Statuspage API key', ['statuspage'], uuid, 'statuspage: operational'),
];

/** Productivity, content and other SaaS. */
export const saasRules: readonly SecretRule[] = [
  prefixed('notion-token', 'Notion integration token', ['ntn_', [A.alnum, 46]], 'ntn_'),
  prefixed('notion-secret', 'Notion integration secret (legacy)', ['secret_', [A.alnum, 43]], 'secret_name'),
  prefixed('linear-api-key', 'Linear API key', ['lin_api_', [A.alnum, 40]], 'lin_api_'),
  prefixed('linear-oauth-token', 'Linear OAuth token', ['lin_oauth_', [A.hexLower, 64]], 'lin_oauth_'),
  prefixed('airtable-pat', 'Airtable personal access token', ['pat', [A.alnum, 14], '.', [A.hexLower, 64]], 'pattern.txt'),
  prefixed('figma-token', 'Figma personal access token', ['figd_', [A.alnumUnderscoreDash, 40]], 'figd_'),
  prefixed('contentful-token', 'Contentful personal access token', ['CFPAT-', [A.alnumUnderscoreDash, 43]], 'CFPAT-'),
  prefixedAny('hubspot-pat', 'HubSpot private app token', ['pat-na1-', 'pat-eu1-'], uuid, 'pat-na1-'),
  prefixed('typeform-token', 'Typeform personal token', ['tfp_', [A.alnumUnderscoreDash, 59]], 'tfp_'),
  prefixed('mapbox-secret-token', 'Mapbox secret token', ['sk.eyJ', [A.alnumUnderscoreDash, 40, 200], '.', [A.alnumUnderscoreDash, 22]], 'sk.eyJ'),
  prefixed('frameio-token', 'Frame.io API token', ['fio-u-', [A.alnumUnderscoreDash, 64]], 'fio-u-'),
  prefixed('onepassword-service-token', '1Password service account token', ['ops_eyJ', [A.alnum + '+/=_-', 250, 1200]], 'ops_'),
  handWritten(
    'onepassword-secret-key',
    '1Password secret key',
    ['a3-'],
    /A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}/,
    (random) => {
      const part = (length: number) => sampleOf([[A.upperNum, length]], random);
      const secret = `A3-${part(6)}-${part(11)}-${part(5)}-${part(5)}-${part(5)}`;
      return { line: `secret key: ${secret}`, secret };
    },
    'A3-SIZE',
  ),
  prefixed('dropbox-token', 'Dropbox short-lived token', ['sl.', ['A-Za-z0-9_=-', 130, 1400]], 'sl.'),
  contextual('zendesk-token', 'Zendesk API token', ['zendesk'], [[A.alnum, 40]], 'zendesk ticket'),
  contextual('asana-token', 'Asana personal access token', ['asana'], [['0-9', 1, 2], '/', [A.digits, 16], ':', [A.hexLower, 32]], 'asana task'),
  contextual('intercom-token', 'Intercom access token', ['intercom'], [[A.alnumUnderscoreDash, 60]], 'intercom widget'),
  contextual('jira-token', 'Jira / Confluence API token (legacy)', ['jira', 'confluence'], [[A.alnum, 24]], 'jira issue'),
  contextual('trello-token', 'Trello token', ['trello'], [[A.hexLower, 64]], 'trello board'),
  contextual('box-token', 'Box developer token', ['box_token', 'box_developer'], [[A.alnum, 32]], 'box_token:'),
  contextual('freshdesk-key', 'Freshdesk API key', ['freshdesk'], [[A.alnum, 20]], 'freshdesk ticket'),
  contextual('smartsheet-token', 'Smartsheet API token', ['smartsheet'], [[A.alnum, 26, 37]], 'smartsheet'),
  contextual('docusign-key', 'DocuSign integration secret', ['docusign'], uuid, 'docusign envelope'),
  contextual('beamer-key', 'Beamer API key', ['beamer'], ['b_', ['A-Za-z0-9_=-', 44]], 'beamer'),
  prefixed('doppler-audit-token', 'Doppler SCIM / audit token', ['dp.scim.', [A.alnum, 40, 44]], 'dp.scim.'),
];
