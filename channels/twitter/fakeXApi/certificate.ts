import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Certificate {
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
}

/**
 * A throwaway self-signed certificate for 127.0.0.1 and localhost, made with openssl. Clients trust
 * it by its file: an https.Agent({ ca }) (TWITTER_CA_FILE) in-process, NODE_EXTRA_CA_CERTS for a
 * child process.
 */
export function makeSelfSignedCertificate(dir: string): Certificate {
  const certFile = join(dir, 'fake-x-api.crt');
  const keyFile = join(dir, 'fake-x-api.key');
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile) };
}
