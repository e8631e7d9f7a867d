import { Alphabet as A, contextual, handWritten, prefixed, sampleOf, type SecretRule } from './rule-kit';

/**
 * Code hosting, CI/CD and package registries. Formats from each vendor's token
 * documentation (GitHub "About authentication", GitLab "Token prefixes", npm, PyPI,
 * Docker Hub...); kinds cross-checked against gitleaks' rule list.
 */
export const codeAndPackageRules: readonly SecretRule[] = [
  // GitHub: 3-letter prefix + 36 base62 (the last 6 a CRC32 checksum); fine-grained github_pat_ + 82.
  prefixed('github-pat', 'GitHub personal access token (classic)', ['ghp_', [A.alnum, 36, 255]], 'ghp_short123'),
  prefixed('github-oauth', 'GitHub OAuth access token', ['gho_', [A.alnum, 36, 255]], 'gho_ is the prefix of OAuth tokens'),
  prefixed('github-user-to-server', 'GitHub app user-to-server token', ['ghu_', [A.alnum, 36, 255]], 'ghu_abc'),
  prefixed('github-server-to-server', 'GitHub app installation token', ['ghs_', [A.alnum, 36, 255]], 'ghs_1234'),
  prefixed('github-refresh', 'GitHub refresh token', ['ghr_', [A.alnum, 36, 255]], 'ghr_'),
  prefixed('github-fine-grained-pat', 'GitHub fine-grained personal access token', ['github_pat_', [A.alnumUnderscore, 22, 255]], 'github_pat_ is documented'),
  // GitLab: every prefix of docs.gitlab.com/ee/security/tokens (#token-prefixes).
  prefixed('gitlab-pat', 'GitLab personal access token', ['glpat-', [A.alnumUnderscoreDash, 20, 300]], 'glpat-XXXX'),
  prefixed('gitlab-deploy-token', 'GitLab deploy token', ['gldt-', [A.alnumUnderscoreDash, 20, 300]], 'gldt-short'),
  prefixed('gitlab-runner-token', 'GitLab runner authentication token', ['glrt-', [A.alnumUnderscoreDash, 20, 300]], 'glrt-'),
  prefixed(
    'gitlab-runner-registration-token',
    'GitLab runner registration token (legacy)',
    ['GR1348941', [A.alnumUnderscoreDash, 20, 40]],
    'GR1348941 is a prefix',
  ),
  prefixed('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', ['glptt-', [A.hexLower, 40, 64]], 'glptt-xyz'),
  prefixed('gitlab-feed-token', 'GitLab feed token', ['glft-', [A.alnumUnderscoreDash, 20, 300]], 'glft-1'),
  prefixed('gitlab-incoming-mail-token', 'GitLab incoming mail token', ['glimt-', [A.alnumUnderscoreDash, 25, 300]], 'glimt-abc'),
  prefixed('gitlab-agent-token', 'GitLab agent for Kubernetes token', ['glagent-', [A.alnumUnderscoreDash, 50, 300]], 'glagent-abcdef'),
  prefixed('gitlab-cicd-job-token', 'GitLab CI/CD job token', ['glcbt-', [A.alnumUnderscoreDash, 20, 300]], 'glcbt-12'),
  prefixed('gitlab-scim-token', 'GitLab SCIM token', ['glsoat-', [A.alnumUnderscoreDash, 20, 300]], 'glsoat-x'),
  prefixed('gitlab-oauth-app-secret', 'GitLab OAuth application secret', ['gloas-', [A.alnumUnderscoreDash, 64, 300]], 'gloas-abc'),
  prefixed('gitlab-feature-flag-token', 'GitLab feature flags client token', ['glffct-', [A.alnumUnderscoreDash, 20, 300]], 'glffct-'),
  prefixed('gitlab-workspace-token', 'GitLab workspace token', ['glwt-', [A.alnumUnderscoreDash, 20, 300]], 'glwt-1'),
  prefixed('gitlab-session-cookie', 'GitLab session cookie', ['_gitlab_session=', [A.alnum, 32, 64]], '_gitlab_session=abc'),
  // Atlassian and Bitbucket.
  prefixed('atlassian-api-token', 'Atlassian API token', ['ATATT3', ['A-Za-z0-9_=-', 180, 200]], 'ATATT3 short'),
  prefixed('bitbucket-app-password', 'Bitbucket app password', ['ATBB', [A.alnum, 28, 40]], 'ATBB123'),
  contextual('bitbucket-client-secret', 'Bitbucket OAuth client secret', ['bitbucket'], [[A.alnumUnderscoreDash, 64]], 'bitbucket: main'),
  // CI/CD and build services.
  prefixed('circleci-pat', 'CircleCI personal API token', ['CCIPAT_', [A.alnum, 22], '_', [A.hexLower, 40]], 'CCIPAT_x'),
  prefixed('buildkite-token', 'Buildkite API access token', ['bkua_', [A.hexLower, 40]], 'bkua_zz'),
  contextual('drone-token', 'Drone CI token', ['drone'], [[A.alnum, 32]], 'drone exec --pipeline build'),
  contextual('travis-token', 'Travis CI API token', ['travis'], [[A.alnumUnderscoreDash, 22]], 'travis: passing'),
  contextual(
    'codecov-token',
    'Codecov upload token',
    ['codecov'],
    [[A.hexLower, 8], '-', [A.hexLower, 4], '-', [A.hexLower, 4], '-', [A.hexLower, 4], '-', [A.hexLower, 12]],
    'codecov: 87%',
  ),
  prefixed('sonarqube-token', 'SonarQube token', ['sq', ['apu', 1], '_', [A.hexLower, 40]], 'squ_short', { keywords: ['squ_', 'sqp_', 'sqa_'] }),
  prefixed('octopus-deploy-key', 'Octopus Deploy API key', ['API-', [A.upperNum, 26, 32]], 'API-GATEWAY'),
  prefixed('harness-pat', 'Harness personal access token', ['pat.', [A.alnumUnderscoreDash, 22], '.', [A.hex, 24], '.', [A.alnum, 20]], 'pat.file'),
  prefixed('prefect-api-key', 'Prefect API key', ['pnu_', [A.alnum, 36]], 'pnu_1'),
  prefixed('postman-api-key', 'Postman API key', ['PMAK-', [A.hexLower, 24], '-', [A.hexLower, 34]], 'PMAK-1234'),
  prefixed('readme-api-key', 'ReadMe API key', ['rdme_', [A.lowerNum, 70]], 'rdme_x'),
  prefixed('jfrog-api-key', 'JFrog Artifactory API key', ['AKCp', [A.alnum, 69, 73]], 'AKCp8'),
  prefixed('jfrog-reference-token', 'JFrog Artifactory reference token', ['cmVmdGtu', [A.alnum, 56, 64]], 'cmVmdGtu'),
  prefixed('scalingo-token', 'Scalingo API token', ['tk-us-', [A.alnumUnderscoreDash, 48]], 'tk-us-east'),
  prefixed('pulumi-token', 'Pulumi access token', ['pul-', [A.hexLower, 40]], 'pul-request'),
  handWritten(
    'terraform-cloud-token',
    'Terraform Cloud / Enterprise API token',
    ['.atlasv1.'],
    /(?<![a-z0-9])[a-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/,
    (random) => {
      const secret = `${sampleOf([[A.lowerNum, 14]], random)}.atlasv1.${sampleOf([[A.alnumUnderscoreDash, 67]], random)}`;
      return { line: `token = "${secret}"`, secret };
    },
    'api.atlasv1.example',
  ),
  // Package registries.
  prefixed('npm-token', 'npm access token', ['npm_', [A.alnum, 36]], 'npm_config_cache'),
  prefixed('pypi-token', 'PyPI upload token', ['pypi-AgEIcHlwaS5vcmc', [A.alnumUnderscoreDash, 50, 400]], 'pypi-AgEIcHlwaS5vcmc'),
  prefixed('rubygems-key', 'RubyGems API key', ['rubygems_', [A.hexLower, 48]], 'rubygems_org'),
  prefixed('nuget-key', 'NuGet API key', ['oy2', [A.lowerNum, 43]], 'oy2short'),
  prefixed('dockerhub-pat', 'Docker Hub personal access token', ['dckr_pat_', [A.alnumUnderscoreDash, 27, 40]], 'dckr_pat_x'),
  prefixed('dockerhub-oat', 'Docker Hub organization access token', ['dckr_oat_', [A.alnumUnderscoreDash, 32, 40]], 'dckr_oat_'),
  prefixed('clojars-token', 'Clojars deploy token', ['CLOJARS_', [A.lowerNum, 60]], 'CLOJARS_X'),
  prefixed('crates-io-token', 'crates.io API token', ['cio', [A.alnum, 32]], 'ciorange', { keywords: ['cio'] }),
  prefixed('hex-pm-key', 'Hex.pm API key', ['hexpm_', [A.alnum, 32, 64]], 'hexpm_'),
  prefixed('gitea-token', 'Gitea / Forgejo access token (with its prefix)', ['gta_', [A.hexLower, 40]], 'gta_1'),
];
