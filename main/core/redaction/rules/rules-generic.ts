import { Alphabet as A, handWritten, randomOf, sampleOf, type SecretRule } from './rule-kit';
import { KeyShape, secretKeySeparator, secretKeyShape } from './secret-key-shape';

/** Key names whose value is a secret: password=..., DB_PASSWORD: ..., api_key=..., --token ... (a regex source). */
export const secretKeyNames = String.raw`(?:passw(?:or)?d|passwd|pwd|passphrase|(?<=[_.-])pass(?![a-z])|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth(?![a-z])|credentials?|signing[_-]?key|master[_-]?key)`;

/**
 * Keywords of the rules keyed by secretKeyNames: every key name holds one (`_pass` with the
 * char before it). Not `key` or `pass` alone: terminal output is full of `publickey`,
 * `kms_key_id` and `passes`, which would each cost the rules a look.
 */
export const secretKeyKeywords: readonly string[] = [
  ...['password', 'passwd', 'pwd', 'passphrase', '_pass', '.pass', '-pass', 'secret', 'token', 'auth', 'credential', 'apikey'],
  ...['api', 'access', 'private', 'signing', 'master'].flatMap((prefix) => [`${prefix}_key`, `${prefix}-key`, `${prefix}key`]),
].filter((keyword, index, all) => all.indexOf(keyword) === index);

/**
 * How a secret-named identifier ends when its value is not a secret but a name, a
 * reference, a path or a setting (`secretName: app-tls`, `token_file=/run/x`,
 * `Author: Jane`), or when another rule owns it (`Authorization:`). Checked on the whole
 * identifier before the separator.
 */
const notSecretSuffix = String.raw`(?:name|names|ref|refs|file|files|path|paths|dir|type|kind|mode|polic(?:y|ies)|id|ids|length|ttl|version|url|uri|endpoint|enabled|required|count|format|source|provider|method|header|expir\w{0,6}|location|store|template|manager|backend|mount|volume|selector|namespace|config|checksum|stdin|encoder|secrets|tokens|keys|passwords|author|authors|authority|authentication|authenticated|authorization|passwordkey|tokenkey|(?<![\w.-])(?:old)?pwd)`;

/**
 * A YAML block scalar indicator ending its line (`password: |`, `key: >-`, `token: |2 # note`):
 * the value is on the lines below, masked by yaml-block-secret, not the indicator itself.
 * The line end may be JSON-escaped (`|\r\n` in an asciicast recording the final scan reads).
 */
const blockIndicator = String.raw`[|>][-+1-9]{0,2}[ \t]*(?:#[^\r\n]*)?(?:\r?(?:\n|$(?![\s\S]))|(?:\\r)?\\n)`;

/**
 * The header line of a YAML block scalar under a secret-named key, up to and including its
 * line end; group 1 is its indentation. The streaming redactor holds such a block back
 * until a line ends it (see `openYamlBlock`).
 */
export const yamlBlockHeaderSource = String.raw`(?:^|[\n\r])([ \t]*)(?:-[ \t]+)?["']?[\w.-]{0,40}${secretKeyNames}[\w.-]{0,40}["']?[ \t]*:[ \t]*[|>][-+1-9]{0,2}[ \t]*(?:#[^\r\n]*)?\r?\n`;

/** A value: quoted (masked with its quotes) or one word; never a mask already written (also Markdown-escaped, `\[REDACTED:x\]`), a placeholder or a variable. */
const secretValue = String.raw`(?!${blockIndicator})(?!\\?\[REDACTED:)(?!["']?(?:\$[{(]|\{\{|<[^>\s]{0,40}>|\*{3,}))(?!(?:true|false|null|none|nil|undefined)\b)(?<secret>\\{1,3}"[^"\r\n]{1,512}?\\{1,3}"|"(?:[^"\\\r\n]|\\.){1,512}"|'[^'\r\n]{1,512}'|[^\s"'&;,)}\]<>{\[=:(][^\s"'&;,)}\]]{0,511})`;

const pemLabels = ['RSA ', 'DSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ', '', 'PGP '];

/** The header of a private key block (PEM, OpenSSH, PGP, SSH2, PuTTY's private lines); the streaming redactor masks from it to its end line. */
export const privateKeyBlockHeader = /-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----|Private-Lines: \d+/;
/** The end line of a private key block. */
export const privateKeyBlockEnd = /-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----|---- END SSH2 ENCRYPTED PRIVATE KEY ----|Private-MAC: [0-9a-f]+/;

/**
 * Private keys, tokens with a structure (JWT), credentials in connection strings and
 * command lines, password hashes, and the secret-assignment family (the value after a
 * secret-named key in `key=v`, `key: v`, `"key": "v"`, `key := "v"`, `--key v`, `export KEY=v`,
 * and the credential after an `Authorization:` scheme word).
 */
export const genericRules: readonly SecretRule[] = withSecretKeyConfirm([
  handWritten(
    'private-key-block',
    'Private key (PEM of every type, OpenSSH, PGP, SSH2, PuTTY private lines)',
    ['-----begin', '---- begin ssh2', 'private-lines:'],
    // An unterminated block (cut output, a `head` of a key file) is masked to the end.
    new RegExp(`(?:${privateKeyBlockHeader.source})[\\s\\S]*?(?:${privateKeyBlockEnd.source}|$(?![\\s\\S]))`),
    (random) => {
      const label = pemLabels[Math.floor(random() * pemLabels.length)]!;
      const block = label === 'PGP ' ? 'PGP PRIVATE KEY BLOCK' : `${label}PRIVATE KEY`;
      const secret = `-----BEGIN ${block}-----\n${randomOf(A.base64, 64, random)}\n${randomOf(A.base64, 40, random)}=\n-----END ${block}-----`;
      return { line: `$ cat key.pem\n${secret}\n`, secret };
    },
    '-----BEGIN PUBLIC KEY-----',
  ),
  handWritten(
    'private-key-base64',
    'Private key encoded in base64 (a Kubernetes TLS secret, a kubeconfig client-key-data)',
    ['ls0tls1crudjti'],
    // base64 of "-----BEGIN " then, at one of its three alignments, of "PRIVATE KEY": a
    // certificate (LS0tLS1CRUdJTiBDRVJU...) stays readable.
    /LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,40}?(?:UFJJVkFURSBLRV|BSSVZBVEUgS0VZ|QUklWQVRFIEtFW)[A-Za-z0-9+/]*={0,2}/,
    (random) => {
      const secret = btoa(`-----BEGIN PRIVATE KEY-----\n${randomOf(A.base64, 64, random)}\n-----END PRIVATE KEY-----\n`);
      return { line: `  tls.key: ${secret}`, secret };
    },
    '  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUR',
  ),
  handWritten(
    'jwt',
    'JSON Web Token (Kubernetes service-account tokens, OIDC id tokens...)',
    ['eyj'],
    /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/,
    (random) => {
      const secret = `eyJhbGciOiJSUzI1NiIsImtpZCI6Ik${randomOf(A.base64url, 10, random)}.eyJpc3MiOiJrdWJlcm5ldGVz${randomOf(A.base64url, 40, random)}.${randomOf(A.base64url, 86, random)}`;
      return { line: `token:      ${secret}`, secret };
    },
    'eyJhbGciOiJIUzI1NiJ9 (a header alone)',
  ),
  handWritten(
    'url-credentials',
    'Password in a URL or connection string (postgres://, mysql://, redis://, mongodb+srv://, amqp://, JDBC...)',
    ['://'],
    // scheme://user:password@host (the user may be empty: redis://:pw@host); only the password is masked.
    /:\/\/[^\s:/@'"[\]]{0,256}:(?!\\?\[REDACTED:)(?<secret>[^\s@/'"]{1,256})@/,
    (random) => {
      const secret = randomOf(A.alnum, 14, random);
      const urls = [
        `postgres://app:${secret}@db.internal:5432/orders`,
        `redis://:${secret}@cache:6379/0`,
        `mongodb+srv://admin:${secret}@cluster0.example.net/test`,
        `jdbc:mysql://root:${secret}@10.0.0.5:3306/app`,
      ];
      return { line: `DATABASE_URL=${urls[Math.floor(random() * urls.length)]!}`, secret };
    },
    'https://example.test:8443/path',
  ),
  handWritten(
    'jdbc-oracle-credentials',
    'Password in an Oracle JDBC thin URL (user/password@host)',
    ['jdbc:oracle'],
    /jdbc:oracle:[a-z]+:[^/\s@:"']{1,128}\/(?!\\?\[REDACTED:)(?<secret>[^@\s"']{1,256})@/,
    (random) => {
      const secret = randomOf(A.alnum, 12, random);
      return { line: `url=jdbc:oracle:thin:scott/${secret}@db1:1521/ORCL`, secret };
    },
    'jdbc:oracle:thin:@db1:1521/ORCL',
  ),
  handWritten(
    'authorization-header',
    'Credential in an Authorization header (Bearer, Basic, Token...)',
    ['authorization'],
    /authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|bot|digest|negotiate|ntlm|apikey|api-key|ssws|oauth|sso-key|jwt)[ \t]+)?(?!\\?\[REDACTED:)(?!(?:bearer|basic|token)\b)(?<secret>[^\s"'[\]]{4,4096})/i,
    (random) => {
      const schemes = ['Bearer', 'Basic', 'Token', 'bearer'];
      const scheme = schemes[Math.floor(random() * schemes.length)]!;
      const secret = scheme === 'Basic' ? btoa(`deploy:${randomOf(A.alnum, 12, random)}`) : randomOf(A.base64url, 40, random);
      return { line: `curl -H 'Authorization: ${scheme} ${secret}' https://api.example.test`, secret };
    },
    'authorization.k8s.io/v1',
  ),
  handWritten(
    'cookie-header',
    'Cookie or Set-Cookie header value',
    ['cookie'],
    /(?<![\w-])(?:set-)?cookie[ \t]*:[ \t]*(?!\\?\[REDACTED:)(?<secret>[^\s"'][^\r\n"']{0,4095})/i,
    (random) => {
      const secret = `session=${randomOf(A.alnum, 32, random)}`;
      return { line: `< Set-Cookie: ${secret}`, secret };
    },
    'cookie jar: ~/.cookies',
  ),
  handWritten(
    'secret-assignment',
    'Value of a secret-named key (key=v, key: v, "key": "v", key := "v", export KEY=v)',
    secretKeyKeywords,
    // Anchored on the separator (fast to find), the key name checked behind it.
    new RegExp(
      String.raw`[:=](?<=${secretKeyNames}[\w.-]{0,40}(?:\\{0,3}["'])?[ \t]*[:=])(?<!${notSecretSuffix}(?:\\{0,3}["'])?[ \t]*[:=])(?<!existing[\w.-]{0,40}[:=])(?:=|>)?[ \t]*${secretValue}`,
      'i',
    ),
    (random) => {
      const secret = randomOf(A.alnum, 16, random);
      const forms = [
        `export DB_PASSWORD=${secret}`,
        `stripeToken := "${secret}"`,
        `  password: ${secret}`,
        `{"api_key": "${secret}"}`,
        `--client-secret=${secret}`,
        `PGPASSWORD=${secret} psql -h db -U app`,
        `Server=db;Database=app;User Id=sa;Password=${secret};`,
      ];
      const line = forms[Math.floor(random() * forms.length)]!;
      return { line, secret };
    },
    'secretName: app-tls',
  ),
  handWritten(
    'yaml-block-secret',
    'Value of a secret-named key written as a YAML block scalar (password: | with the secret on the indented lines below)',
    [': |', ': >', ':|', ':>'],
    // Anchored on the indicator (rare), the key checked behind it; the value is every line
    // indented deeper than the key (blank lines within), each line masked on its own.
    new RegExp(
      String.raw`[|>](?<=(?:^|[\n\r])(?<indent>[ \t]*)(?:-[ \t]+)?["']?[\w.-]{0,40}${secretKeyNames}[\w.-]{0,40}(?<!${notSecretSuffix})["']?[ \t]*:[ \t]*[|>])[-+1-9]{0,2}[ \t]*(?:#[^\r\n]*)?\r?\n(?<secret>(?:[ \t]*\r?\n)*\k<indent>[ \t]+(?!\[REDACTED:)\S[^\r\n]*(?:\r?\n(?:[ \t]*\r?\n)*\k<indent>[ \t]+(?!\[REDACTED:)\S[^\r\n]*)*)`,
      'i',
    ),
    (random) => {
      const secret = randomOf(A.alnum, 20, random);
      // After the command that printed it: a block scalar's key starts its line.
      const forms = [
        `cat values.yaml\r\npassword: |\r\n  ${secret}\r\nnext: 1`,
        `cat app.yaml\n  client_secret: >-\n    ${secret}\n  other: x`,
        `kubectl get secret app -o yaml\r\nstringData:\r\n  token: |-\r\n    ${secret}\r\n`,
      ];
      return { line: forms[Math.floor(random() * forms.length)]!, secret };
    },
    'description: |\n  the password is rotated monthly\n',
  ),
  handWritten(
    'secret-flag',
    'Value of a secret-named command-line flag (--password v, -token v)',
    secretKeyKeywords,
    new RegExp(String.raw`(?<![\w-])--?[\w-]{0,40}${secretKeyNames}[\w-]{0,40}(?<!${notSecretSuffix})[ \t]+(?!-)${secretValue}`, 'i'),
    (random) => {
      const secret = randomOf(A.alnum, 16, random);
      return { line: `vault login --token ${secret}`, secret };
    },
    '--token-file /run/secrets/token',
  ),
  handWritten(
    'mysql-password-flag',
    'Password given to mysql, mysqldump, mysqladmin or mariadb with -p',
    ['mysql', 'mariadb'],
    /(?<=\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlsh|mariadb|mariadb-dump)\b[^\r\n|;&]{0,200})[ \t]-p[ \t]*(?!\\?\[REDACTED:)(?<secret>[^\s'"-][^\s'"]*)/,
    (random) => {
      const secret = randomOf(A.alnum, 12, random);
      return { line: random() < 0.5 ? `mysql -u root -p${secret} -h db orders` : `mysqldump -uroot -p ${secret} orders > dump.sql`, secret };
    },
    'mysql -u root -p -h db',
  ),
  handWritten(
    'sshpass-password',
    'Password given to sshpass -p',
    ['sshpass'],
    /(?<=\bsshpass\b[^\r\n|;&]{0,100})[ \t]-p[ \t]*(?!\\?\[REDACTED:)(?<secret>[^\s'"-][^\s'"]*)/,
    (random) => {
      const secret = randomOf(A.alnum, 12, random);
      return { line: `sshpass -p ${secret} ssh deploy@host`, secret };
    },
    'sshpass -f ~/.pw ssh host',
  ),
  handWritten(
    'netrc-password',
    'Password of a .netrc entry on one line (machine host login user password secret)',
    ['machine'],
    /(?<=\bmachine[ \t]+[^\s]{1,256}(?:[ \t]+(?:login|account)[ \t]+[^\s]{1,256}){0,2})[ \t]+password[ \t]+(?!\\?\[REDACTED:)(?<secret>[^\s]{1,512})/,
    (random) => {
      const secret = randomOf(A.alnum, 16, random);
      return { line: `machine api.example.test login deploy password ${secret}`, secret };
    },
    'machine api.example.test login deploy (password from the keychain)',
  ),
  handWritten(
    'redis-cli-password',
    'Password given to redis-cli -a',
    ['redis-cli'],
    /(?<=\bredis-cli\b[^\r\n|;&]{0,200})[ \t]-a[ \t]+(?!\\?\[REDACTED:)(?<secret>[^\s'"-][^\s'"]*)/,
    (random) => {
      const secret = randomOf(A.alnum, 12, random);
      return { line: `redis-cli -h cache -a ${secret} ping`, secret };
    },
    'redis-cli -h cache ping',
  ),
  handWritten(
    'curl-user-password',
    'Password given to curl -u user:password',
    ['curl'],
    /(?<=\bcurl\b[^\r\n|;&]{0,400})[ \t](?:-u|--user)[ \t]*["']?[^:\s"']{1,128}:(?!\\?\[REDACTED:)(?<secret>[^\s"']{1,256})/,
    (random) => {
      const secret = randomOf(A.alnum, 12, random);
      return { line: `curl -u admin:${secret} https://nexus.example.test/`, secret };
    },
    'curl -u admin https://nexus.example.test/',
  ),
  handWritten(
    'bcrypt-hash',
    'bcrypt password hash (htpasswd, application users)',
    ['$2'],
    /\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}/,
    (random) => {
      const secret = `$2y$10$${randomOf('./A-Za-z0-9', 53, random)}`;
      return { line: `admin:${secret}`, secret };
    },
    'echo $2 $3',
  ),
  handWritten(
    'crypt-sha-hash',
    'SHA-256/512 crypt password hash (/etc/shadow)',
    ['$5$', '$6$'],
    /\$[56]\$(?:rounds=[0-9]{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}/,
    (random) => {
      const secret = `$6$${randomOf('./A-Za-z0-9', 16, random)}$${randomOf('./A-Za-z0-9', 86, random)}`;
      return { line: `root:${secret}:19700:0:99999:7:::`, secret };
    },
    'price $6$ each',
  ),
  handWritten(
    'crypt-md5-hash',
    'MD5 crypt / Apache apr1 password hash',
    ['$1$', '$apr1$'],
    /\$(?:apr)?1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}/,
    (random) => {
      const secret = `$apr1$${randomOf('./A-Za-z0-9', 8, random)}$${randomOf('./A-Za-z0-9', 22, random)}`;
      return { line: `ops:${secret}`, secret };
    },
    'costs $1$',
  ),
  handWritten(
    'yescrypt-hash',
    'yescrypt password hash (/etc/shadow on current distributions)',
    ['$y$'],
    /\$y\$[./A-Za-z0-9]{1,12}\$[./A-Za-z0-9]{1,86}\$[./A-Za-z0-9]{43}/,
    (random) => {
      const secret = `$y$j9T$${randomOf('./A-Za-z0-9', 22, random)}$${randomOf('./A-Za-z0-9', 43, random)}`;
      return { line: `deploy:${secret}:19800:0:99999:7:::`, secret };
    },
    '$y$',
  ),
  handWritten(
    'registry-login-password',
    'Password given to docker, podman, nerdctl, buildah, skopeo or helm registry login with -p',
    ['login'],
    // Anchored on ` -p` (rare), the command checked behind it: a lookbehind first would run at every position.
    /[ \t]-p(?<=\b(?:docker|podman|nerdctl|buildah|skopeo|helm)\b[^\r\n|;&]{0,100}\blogin\b[^\r\n|;&]{0,200}[ \t]-p)[ \t]*(?!\\?\[REDACTED:)(?<secret>[^\s'"-][^\s'"]*)/,
    (random) => {
      const secret = randomOf(A.alnum, 16, random);
      return { line: `docker login -u ci -p ${secret} registry.example.test`, secret };
    },
    'docker login -u ci --password-stdin registry.example.test',
  ),
  handWritten(
    'xml-secret-element',
    'Text of a secret-named XML element (<password> of a Maven settings.xml, <apiKey>)',
    secretKeyKeywords,
    new RegExp(
      String.raw`<[\w.:-]{0,40}${secretKeyNames}[\w.-]{0,40}(?<!${notSecretSuffix})>(?!\\?\[REDACTED:|\$\{|\{\{)(?<secret>[^<\s][^<\r\n]{0,511}?)[ \t]*<\/`,
      'i',
    ),
    (random) => {
      const secret = randomOf(A.alnum, 16, random);
      return { line: `<server><id>nexus</id><password>${secret}</password></server>`, secret };
    },
    '<passwordPolicy>strict</passwordPolicy>',
  ),
  handWritten(
    'xml-secret-setting',
    'Value of a secret-named setting in an .NET/Java XML config (<add key="ApiKey" value="...">)',
    ['value='],
    new RegExp(
      String.raw`(?:key|name)=["'][^"'\r\n]{0,40}${secretKeyNames}[^"'\r\n]{0,40}(?<!${notSecretSuffix})["'][ \t]+value=["'](?!\\?\[REDACTED:)(?<secret>[^"'\r\n]{1,512})["']`,
      'i',
    ),
    (random) => {
      const secret = randomOf(A.alnum, 16, random);
      return { line: `<add key="ApiKey" value="${secret}" />`, secret };
    },
    '<add key="ApiKeyName" value="primary" />',
  ),
  handWritten(
    'openssl-pass-argument',
    'Password given to openssl (or a tool that copies its syntax) as -passin/-passout/-pass pass:...',
    ['pass:'],
    /(?<![\w-])-pass(?:in|out)?[ \t]+["']?pass:(?!\\?\[REDACTED:)(?<secret>[^\s'"]+)/,
    (random) => {
      const secret = randomOf(A.alnum, 16, random);
      return { line: `openssl pkcs12 -export -in c.pem -passout pass:${secret} -out c.p12`, secret };
    },
    'openssl pkcs12 -passin env:P12_PASSWORD -passout file:/run/pw',
  ),
  handWritten(
    'npmrc-auth',
    'npm registry credential in .npmrc (_authToken, _auth, _password)',
    ['_authtoken', '_auth', '_password'],
    /:_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\\?\[REDACTED:)(?<secret>[^\s"']{4,})/,
    (random) => {
      const secret = sampleOf([[A.alnumUnderscoreDash, 36]], random);
      return { line: `//registry.example.test/:_authToken=${secret}`, secret };
    },
    'always-auth=true',
  ),
]);

/** The secret-named key family runs only where secretKeyShape says it can match. */
function withSecretKeyConfirm(rules: readonly SecretRule[]): readonly SecretRule[] {
  const bits: Readonly<Record<string, number>> = {
    'secret-assignment': KeyShape.Assignment,
    'secret-flag': KeyShape.Flag,
    'xml-secret-element': KeyShape.XmlElement,
  };
  // secret-assignment's regex starts at the separator: it is tried there alone, not over the line.
  return rules.map((rule) =>
    bits[rule.id]
      ? { ...rule, confirm: { shape: secretKeyShape, bit: bits[rule.id]!, ...(rule.id === 'secret-assignment' ? { anchor: secretKeySeparator } : {}) } }
      : rule,
  );
}
