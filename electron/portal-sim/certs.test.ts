// The x5c chains the simulator issues: real DER certificates that verify against its test CA.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueCertificate, x5cChain } from './certs.js';
import { jwkThumbprint, normalizeDestinationKey, rsaModulusBits, simulatorKeys } from './keys.js';

describe('certificates', () => {
  it('issues a leaf certificate that verifies against the CA', async () => {
    const { ca, signingJwk } = await simulatorKeys();
    const caCert = new crypto.X509Certificate(ca.certificateDer);
    expect(caCert.ca).toBe(true);
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    expect(caCert.subject).toContain('CN=Portal-Simulator Test-CA');

    const leaf = new crypto.X509Certificate(Buffer.from(signingJwk.x5c[0]!, 'base64'));
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(caCert.publicKey)).toBe(true);
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.publicKey.export({ format: 'jwk' }).n).toBe(signingJwk.n);
    expect(signingJwk.x5c[1]).toBe(ca.certificateDer.toString('base64'));
    expect(new Date(leaf.validTo).getTime()).toBeGreaterThan(Date.now() + 365 * 86_400_000);
    expect(rsaModulusBits(signingJwk.n)).toBe(4096);
    expect(signingJwk.kid).toBe(jwkThumbprint(signingJwk));
  });

  it('handles names with umlauts and dates after 2049', () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ca = createCertificateAuthority(privateKey, 'Prüf-CA Lingen (Ems)', 365 * 40);
    const cert = new crypto.X509Certificate(ca.certificateDer);
    expect(cert.subject).toContain('CN=Prüf-CA Lingen (Ems)');
    expect(new Date(cert.validTo).getUTCFullYear()).toBeGreaterThanOrEqual(2060);
    const subject = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const leaf = new crypto.X509Certificate(issueCertificate(ca, subject.publicKey, { commonName: 'Zustellpunkt', usage: 'encryption' }));
    expect(leaf.verify(cert.publicKey)).toBe(true);
    expect(x5cChain(leaf.raw, ca)).toHaveLength(2);
  });

  it('keeps a supplied x5c only when it certifies the same key', async () => {
    const { ca, signingJwk } = await simulatorKeys();
    const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 4096 });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    expect(() => normalizeDestinationKey({ ...jwk, x5c: signingJwk.x5c }, 'sig', ca, 'x')).toThrow(/different key/);
    const issued = normalizeDestinationKey({ ...jwk, use: 'sig', alg: 'PS512' }, 'sig', ca, 'x');
    expect(normalizeDestinationKey({ ...issued.jwk }, 'sig', ca, 'x').jwk.x5c).toEqual(issued.jwk.x5c);
    expect(issued.jwk.kid).toBe(jwkThumbprint({ n: String(jwk.n), e: String(jwk.e) }));
  });
});
