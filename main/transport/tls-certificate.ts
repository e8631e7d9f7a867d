import { createHash, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ioError, isErrno, WarRoomError } from '../../contract/domain/errors';

/** Where a workspace keeps its own certificate (made once, 0600). */
export const TLS_DIR = 'tls';

export interface TlsIdentity {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the certificate, upper-case hex pairs (`AB:CD:...`), as browsers show it. */
  readonly fingerprint: string;
  /** base64 SHA-256 of the public key (SPKI): what Chromium's --ignore-certificate-errors-spki-list pins. */
  readonly spkiSha256: string;
  /** DNS names and IP addresses the certificate is valid for. */
  readonly names: readonly string[];
}

/** Describe a PEM certificate and key pair (from the workspace or --cert/--key). */
export function describeCertificate(cert: string, key: string, file = 'the certificate'): TlsIdentity {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new WarRoomError('invalid-input', `${file} is not a PEM certificate: ${(error as Error).message}`, [{ file }]);
  }
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    cert,
    key,
    fingerprint: x509.fingerprint256,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    names: namesOf(x509),
  };
}

/**
 * The workspace's certificate for serving `host`: the kept one when it already names the
 * host, else a new self-signed one (EC P-256, 2 years) naming the host, localhost and the
 * loopback addresses, written 0600 under `<workspace>/tls/`. Made once: participants
 * compare its fingerprint with the one in their invite, so it must not change per start.
 */
export async function workspaceCertificate(workspaceDir: string, host: string): Promise<TlsIdentity> {
  const dir = join(workspaceDir, TLS_DIR);
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    const kept = describeCertificate(await readFile(certFile, 'utf8'), await readFile(keyFile, 'utf8'), certFile);
    await chmod(keyFile, 0o600);
    if (kept.names.includes(host.toLowerCase())) return kept;
  } catch (error) {
    if (!isErrno(error, 'ENOENT') && !(error instanceof WarRoomError)) throw ioError('read', certFile, error);
  }
  const names = [...new Set([host.toLowerCase(), 'localhost', '127.0.0.1', '::1'])];
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: `War Room ${host}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 2 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    ],
  });
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const [file, text] of [
      [keyFile, pems.private],
      [certFile, pems.cert],
    ] as const) {
      const temp = `${file}.tmp-${process.pid}`;
      await rm(temp, { force: true });
      await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
      await rename(temp, file);
    }
  } catch (error) {
    throw ioError('write', certFile, error);
  }
  return describeCertificate(pems.cert, pems.private, certFile);
}

function namesOf(x509: X509Certificate): string[] {
  const names: string[] = [];
  for (const part of (x509.subjectAltName ?? '').split(/,\s*/)) {
    const match = /^(DNS|IP Address):(.+)$/.exec(part.trim());
    if (match) names.push(match[2]!.toLowerCase());
  }
  return names;
}
