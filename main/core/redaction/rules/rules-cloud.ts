import { Alphabet as A, contextual, handWritten, prefixed, prefixedAny, randomOf, sampleOf, type FormatPart, type SecretRule } from './rule-kit';

const uuid: readonly FormatPart[] = [[A.hex, 8], '-', [A.hex, 4], '-', [A.hex, 4], '-', [A.hex, 4], '-', [A.hex, 12]];

/**
 * Cloud providers, platforms and infrastructure (AWS, Google Cloud, Azure, Alibaba,
 * DigitalOcean, Heroku, Fly.io, Cloudflare, HashiCorp, Kubernetes...). Formats from each
 * provider's credential documentation.
 */
export const cloudRules: readonly SecretRule[] = [
  // AWS: access key ids are a 4-letter type prefix + 16 base32 characters.
  prefixed('aws-access-key-id', 'AWS access key id', ['A', ['KSB', 1], 'IA', [A.base32Upper, 16]], 'AKIA is the prefix of AWS keys', {
    keywords: ['akia', 'asia', 'abia'],
  }),
  prefixedAny(
    'aws-other-key-id',
    'AWS key id (role, user, group, certificate...)',
    ['ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'APKA'],
    [[A.base32Upper, 16]],
    'AROA',
  ),
  contextual(
    'aws-secret-access-key',
    'AWS secret access key',
    ['aws_secret', 'aws-secret', 'awssecret', 'secret_access_key', 'secretaccesskey'],
    [[A.base64, 40]],
    'aws_secret_access_key: <not set>',
  ),
  handWritten(
    'aws-secret-beside-key-id',
    'AWS secret access key on the line of its key id (credentials.csv, aws iam create-access-key --output text)',
    ['akia', 'asia'],
    /(?<![A-Za-z0-9])A(?:KIA|SIA)[A-Z2-7]{16}(?:[ \t,;|:"']+|[ \t,;|:"'][^\r\n]{0,80}?[ \t,;|:"'])(?![0-9a-f]{40}(?![A-Za-z0-9/+=]))(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/,
    (random) => {
      const secret = randomOf(A.base64, 40, random);
      return { line: `ci-user,AKIA${randomOf(A.base32Upper, 16, random)},${secret}`, secret };
    },
    'AKIAIOSFODNN7EXAMPLE in the docs',
  ),
  handWritten(
    'presigned-url-signature',
    'Signature of a presigned S3 or Google Cloud Storage URL (anyone with the URL can read the object)',
    ['x-amz-signature', 'x-goog-signature'],
    /X-(?:Amz|Goog)-Signature=(?!\\?\[REDACTED:)(?<secret>[0-9a-f]{64,1024})/i,
    (random) => {
      const secret = randomOf(A.hexLower, 64, random);
      return { line: `https://b.s3.amazonaws.com/k?X-Amz-Date=20260101T000000Z&X-Amz-Signature=${secret}`, secret };
    },
    'X-Amz-Signature=UNSIGNED-PAYLOAD',
  ),
  prefixedAny(
    'tailscale-key',
    'Tailscale auth, API, OAuth client, SCIM or webhook key',
    ['tskey-auth-', 'tskey-api-', 'tskey-client-', 'tskey-scim-', 'tskey-webhook-'],
    [[A.alnum, 8, 20], '-', [A.alnum, 20, 64]],
    'tskey-auth- prefix alone',
  ),
  contextual('ngrok-authtoken', 'ngrok authtoken', ['authtoken'], [[A.alnum, 20, 32], '_', [A.alnum, 20, 32]], 'ngrok config add-authtoken $NGROK_AUTHTOKEN'),
  contextual(
    'aws-session-token',
    'AWS session token',
    ['aws_session_token', 'sessiontoken', 'session_token'],
    [[A.base64 + '=', 100, 1200]],
    'aws_session_token: null',
  ),
  prefixed('aws-bedrock-key', 'Amazon Bedrock API key', ['ABSKQmVkcm9ja0FQSUtleS', [A.base64 + '=', 80, 300]], 'ABSK'),
  // Google Cloud and Google APIs.
  prefixed('google-api-key', 'Google API key (Maps, Gemini, Firebase...)', ['AIza', [A.alnumUnderscoreDash, 35]], 'AIza short'),
  prefixed('google-oauth-client-secret', 'Google OAuth client secret', ['GOCSPX-', [A.alnumUnderscoreDash, 28]], 'GOCSPX-'),
  prefixed('google-oauth-access-token', 'Google OAuth access token', ['ya29.', [A.alnumUnderscoreDash, 30, 2048]], 'ya29.short'),
  prefixed('google-oauth-refresh-token', 'Google OAuth refresh token', ['1//0', [A.alnumUnderscoreDash, 40, 512]], '1//0'),
  handWritten(
    'gcp-service-account-key-id',
    'Google service account key id (in a service-account JSON)',
    ['private_key_id'],
    /"private_key_id"\s*:\s*"(?<secret>[a-f0-9]{40})"/,
    (random) => {
      const secret = sampleOf([[A.hexLower, 40]], random);
      return { line: `{"type": "service_account", "project_id": "demo", "private_key_id": "${secret}"}`, secret };
    },
    '"private_key_id": ""',
  ),
  // Azure.
  handWritten(
    'azure-ad-client-secret',
    'Azure AD (Entra ID) client secret',
    ['q~'],
    /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    (random) => {
      const secret = `${sampleOf(
        [
          [A.alnum, 3],
          [A.digits, 1],
        ],
        random,
      )}Q~${sampleOf([[A.alnumUnderscoreDash, 34]], random)}`;
      return { line: `AZURE_CLIENT_SECRET=${secret}`, secret };
    },
    'Q~ alone',
  ),
  contextual(
    'azure-storage-account-key',
    'Azure storage account key',
    ['accountkey', 'account_key', 'storage_key', 'storagekey'],
    [[A.base64, 86], '=='],
    'AccountKey=;',
  ),
  contextual(
    'azure-shared-access-key',
    'Azure Service Bus / Event Hubs shared access key',
    ['sharedaccesskey'],
    [[A.base64, 43], '='],
    'SharedAccessKeyName=RootManageSharedAccessKey',
  ),
  handWritten(
    'azure-sas-token',
    'Azure shared access signature',
    ['sig='],
    /[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,100}={0,2})/,
    (random) => {
      const secret = `${sampleOf([[A.alnum, 44]], random)}%3D`;
      return { line: `https://acct.blob.core.windows.net/c/x?sv=2022-11-02&ss=b&sp=r&sig=${secret}`, secret };
    },
    'https://example.test/?sig=abc',
  ),
  handWritten(
    'azure-devops-pat',
    'Azure DevOps personal access token (84 characters, AZDO signature)',
    ['azdo'],
    /(?<![A-Za-z0-9])[A-Za-z0-9]{52}JQQJ9[A-Za-z0-9]{19}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])/,
    (random) => {
      const secret = `${sampleOf([[A.alnum, 52]], random)}JQQJ9${sampleOf([[A.alnum, 19]], random)}AZDO${sampleOf([[A.alnum, 4]], random)}`;
      return { line: `AZURE_DEVOPS_EXT_PAT=${secret}`, secret };
    },
    'AZDO pipeline',
  ),
  contextual(
    'azure-devops-pat-legacy',
    'Azure DevOps personal access token (52 characters)',
    ['azure_devops', 'azdo_', 'ado_pat', 'devops_pat', 'system_accesstoken'],
    [[A.lower + '2-7', 52]],
    'azure_devops: enabled',
  ),
  contextual(
    'azure-openai-key',
    'Azure OpenAI / Cognitive Services key',
    ['azure_openai', 'cognitive', 'ocp-apim-subscription-key'],
    [[A.hexLower, 32]],
    'azure_openai_endpoint',
  ),
  // Alibaba, IBM, Oracle, Tencent.
  prefixed('alibaba-access-key-id', 'Alibaba Cloud AccessKey id', ['LTAI', [A.alnum, 20]], 'LTAI'),
  contextual('alibaba-secret-key', 'Alibaba Cloud AccessKey secret', ['alibaba', 'aliyun', 'alicloud'], [[A.alnum, 30]], 'aliyun-cli'),
  contextual('ibm-cloud-api-key', 'IBM Cloud API key', ['ibmcloud', 'ibm_cloud', 'ic_api_key'], [[A.alnumUnderscoreDash, 44]], 'ibmcloud login'),
  prefixed('tencent-secret-id', 'Tencent Cloud SecretId', ['AKID', [A.alnum, 32]], 'AKID'),
  // DigitalOcean.
  prefixed('digitalocean-pat', 'DigitalOcean personal access token', ['dop_v1_', [A.hexLower, 64]], 'dop_v1_'),
  prefixed('digitalocean-oauth-token', 'DigitalOcean OAuth token', ['doo_v1_', [A.hexLower, 64]], 'doo_v1_'),
  prefixed('digitalocean-refresh-token', 'DigitalOcean refresh token', ['dor_v1_', [A.hexLower, 64]], 'dor_v1_'),
  // Heroku, Fly.io, Vercel, Netlify, Render, Railway, Supabase, PlanetScale.
  prefixed('heroku-api-key-v2', 'Heroku API key (HRKU- format)', ['HRKU-', [A.alnumUnderscoreDash, 58, 64]], 'HRKU-'),
  contextual('heroku-api-key', 'Heroku API key (UUID)', ['heroku'], uuid, 'heroku ps:scale web=2'),
  prefixed('flyio-token', 'Fly.io access token', ['fo1_', [A.alnumUnderscoreDash, 43]], 'fo1_'),
  prefixedAny('flyio-macaroon', 'Fly.io macaroon token', ['fm1a_', 'fm1r_', 'fm2_'], [[A.base64 + '=_-', 100, 4096]], 'fm2_x'),
  prefixed('vercel-pat', 'Vercel personal access token', ['vcp_', [A.alnum, 24, 64]], 'vcp_'),
  prefixed('vercel-integration-token', 'Vercel integration token', ['vci_', [A.alnum, 24, 64]], 'vci_'),
  prefixed('vercel-app-token', 'Vercel app access or refresh token', ['vc', ['ar', 1], '_', [A.alnum, 24, 64]], 'vca_', { keywords: ['vca_', 'vcr_'] }),
  prefixed('vercel-ai-gateway-key', 'Vercel AI gateway key', ['vck_', [A.alnum, 24, 64]], 'vck_'),
  contextual('netlify-token', 'Netlify access token', ['netlify'], [[A.alnumUnderscoreDash, 40, 46]], 'netlify deploy --prod'),
  prefixed('render-api-key', 'Render API key', ['rnd_', [A.alnum, 32]], 'rnd_'),
  contextual('railway-token', 'Railway token', ['railway'], uuid, 'railway up'),
  prefixed('supabase-token', 'Supabase access token', ['sbp_', [A.hexLower, 40]], 'sbp_'),
  prefixed('supabase-secret-key', 'Supabase secret API key', ['sb_secret_', [A.alnumUnderscoreDash, 30, 64]], 'sb_secret_'),
  prefixed('planetscale-token', 'PlanetScale service token', ['pscale_tkn_', [A.alnumUnderscoreDash, 32, 64]], 'pscale_tkn_'),
  prefixed('planetscale-password', 'PlanetScale database password', ['pscale_pw_', [A.alnumUnderscoreDash, 32, 64]], 'pscale_pw_'),
  prefixed('planetscale-oauth', 'PlanetScale OAuth token', ['pscale_oauth_', [A.alnumUnderscoreDash, 32, 64]], 'pscale_oauth_'),
  prefixed('databricks-token', 'Databricks personal access token', ['dapi', [A.hexLower, 32], ['-0-9', 0, 2]], 'dapi'),
  contextual('snowflake-password', 'Snowflake password', ['snowsql_pwd', 'snowflake_password'], [[A.alnum + '!@#%^*_', 8, 64]], 'snowflake_password:'),
  // Cloudflare, Fastly, Akamai, Linode, Scaleway, Vultr, Hetzner, OVH.
  contextual('cloudflare-api-token', 'Cloudflare API token', ['cloudflare', 'cf_api'], [[A.alnumUnderscoreDash, 40]], 'cloudflare: 200 OK'),
  contextual(
    'cloudflare-global-key',
    'Cloudflare global API key',
    ['cloudflare_api_key', 'cf_api_key', 'x-auth-key'],
    [[A.hexLower, 37]],
    'cloudflare_api_key: ""',
  ),
  prefixed('cloudflare-origin-ca-key', 'Cloudflare origin CA key', ['v1.0-', [A.hexLower, 24], '-', [A.hexLower, 146]], 'v1.0-beta'),
  contextual('fastly-api-token', 'Fastly API token', ['fastly'], [[A.alnumUnderscoreDash, 32]], 'fastly purge --all'),
  prefixed('akamai-client-secret', 'Akamai EdgeGrid client token', ['akab-', [A.lowerNum, 16], '-', [A.lowerNum, 16]], 'akab-x'),
  contextual('linode-token', 'Linode / Akamai cloud token', ['linode'], [[A.hexLower, 64]], 'linode-cli'),
  contextual('scaleway-secret', 'Scaleway secret key', ['scw_secret', 'scaleway'], uuid, 'scaleway: ok'),
  contextual('vultr-api-key', 'Vultr API key', ['vultr'], [[A.upperNum, 36]], 'vultr-cli'),
  contextual('hetzner-token', 'Hetzner Cloud token', ['hcloud', 'hetzner'], [[A.alnum, 64]], 'hcloud server list'),
  contextual('openstack-password', 'OpenStack password', ['os_password'], [[A.alnum + '!@#%^*_-', 8, 64]], 'os_password:'),
  // HashiCorp.
  prefixed('vault-service-token', 'HashiCorp Vault service token', ['hvs.', [A.alnumUnderscoreDash, 24, 512]], 'hvs.'),
  prefixed('vault-batch-token', 'HashiCorp Vault batch token', ['hvb.', [A.alnumUnderscoreDash, 24, 512]], 'hvb.'),
  prefixed('vault-recovery-token', 'HashiCorp Vault recovery token', ['hvr.', [A.alnumUnderscoreDash, 24, 512]], 'hvr.'),
  contextual('vault-legacy-token', 'HashiCorp Vault token (legacy s. format)', ['vault_token', 'x-vault-token'], ['s.', [A.alnum, 24]], 'vault_token: ""'),
  contextual('consul-token', 'HashiCorp Consul ACL token', ['consul_http_token', 'consul_token'], uuid, 'consul_http_token:'),
  contextual('nomad-token', 'HashiCorp Nomad ACL token', ['nomad_token'], uuid, 'nomad_token:'),
  // Kubernetes.
  handWritten(
    'kubernetes-bootstrap-token',
    'Kubernetes bootstrap token',
    ['token'],
    // Anchored on the dot (rare), the token id checked behind it: a class first would be tried at every position.
    /\.(?<=(?<![a-z0-9])[a-z0-9]{6}\.)(?<secret>[a-z0-9]{16})(?![a-z0-9])(?<=token[\s\S]{0,64})/,
    (random) => {
      const secret = sampleOf([[A.lowerNum, 16]], random);
      return { line: `kubeadm join 10.0.0.1:6443 --token ${sampleOf([[A.lowerNum, 6]], random)}.${secret}`, secret };
    },
    'kubeadm token list',
  ),
  handWritten(
    'kubeconfig-key-data',
    'Kubernetes client key in a kubeconfig (client-key-data)',
    ['client-key-data'],
    /client-key-data:[ \t]*["']?(?<secret>[A-Za-z0-9+/=]{20,})/,
    (random) => {
      const secret = sampleOf([[A.base64, 120]], random);
      return { line: `    client-key-data: ${secret}`, secret };
    },
    'client-key-data: ""',
  ),
  // Infrastructure tools.
  prefixed('doppler-token', 'Doppler token', ['dp.', ['psc', 1], ['t', 1], '.', [A.alnum, 40, 44]], 'dp.pt', { keywords: ['dp.pt.', 'dp.st.', 'dp.ct.'] }),
  prefixed('infracost-key', 'Infracost API key', ['ico-', [A.alnum, 32]], 'ico-'),
  prefixed('age-secret-key', 'age encryption secret key', ['AGE-SECRET-KEY-1', ['QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58]], 'AGE-SECRET-KEY-1'),
  contextual(
    'ansible-vault-password',
    'Ansible vault password',
    ['ansible_vault_password', 'vault_password'],
    [[A.alnum + '!@#%^*_-', 8, 64]],
    'vault_password_file: ~/.vault',
  ),
  contextual('rancher-token', 'Rancher API token', ['rancher'], ['token-', [A.lowerNum, 5], ':', [A.lowerNum, 54]], 'rancher kubectl get pods'),
  contextual(
    'argocd-token',
    'Argo CD auth token (JWT)',
    ['argocd_auth_token'],
    ['eyJ', [A.alnumUnderscoreDash, 20, 400], '.', [A.alnumUnderscoreDash, 20, 800], '.', [A.alnumUnderscoreDash, 20, 200]],
    'argocd_auth_token:',
  ),
];
