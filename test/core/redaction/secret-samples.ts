// Fake secrets of every built-in kind, embedded in realistic lines of terminal output.
// `secret` is what must never appear in redacted output; `line` is how it shows up.

export interface SecretSample {
  readonly pattern: string;
  readonly secret: string;
  readonly line: string;
}

const privateKey = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo',
  '-----END RSA PRIVATE KEY-----',
].join('\r\n');

export const secretSamples: readonly SecretSample[] = [
  { pattern: 'aws-access-key-id', secret: 'AKIAIOSFODNN7EXAMPLE', line: 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\r\n' },
  {
    pattern: 'github-pat',
    secret: 'ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ',
    line: 'git clone https://x-access:ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ@github.com/o/r\r\n',
  },
  {
    pattern: 'github-fine-grained-pat',
    secret: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF',
    line: 'token is github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF ok\r\n',
  },
  {
    pattern: 'slack-bot-token',
    secret: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
    line: 'SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx\r\n',
  },
  {
    pattern: 'jwt',
    secret: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    line: 'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\r\n',
  },
  { pattern: 'private-key-block', secret: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', line: `$ cat id_rsa\r\n${privateKey}\r\n$ ` },
  { pattern: 'url-credentials', secret: 's3cr3tP4ss', line: 'remote: https://deploy:s3cr3tP4ss@git.example.com/repo.git\r\n' },
  { pattern: 'secret-assignment', secret: 'hunter2hunter', line: 'db password=hunter2hunter connecting\r\n' },
  { pattern: 'secret-assignment', secret: 'correct horse battery', line: 'DB_PASSWORD: "correct horse battery"\r\n' },
  { pattern: 'secret-flag', secret: 'Sup3rS3cret!', line: 'mysql --password Sup3rS3cret! -h db\r\n' },
];
