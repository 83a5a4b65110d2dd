import type { SecureContextOptions, TlsOptions } from 'node:tls';

/**
 * TLS 1.2 only with ephemeral (EC)DHE key exchange and AEAD ciphers, so a recorded session
 * cannot be decrypted later with a stolen key (forward secrecy) and no CBC suite is left;
 * TLS 1.3 (forward secret and AEAD by design) with its three standard suites. Order: AES-GCM
 * first (hardware-accelerated on every server CPU), ChaCha20 for clients without AES-NI.
 * These are the ECDHE suites of Mozilla's "intermediate" server-side TLS recommendation (its
 * DHE suites are left out: they would need DH parameters of our own).
 */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
];
export const TLS13_CIPHERSUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

export function tlsOptions(pem: { cert: string | Buffer; key: string | Buffer }): TlsOptions & SecureContextOptions {
  return {
    cert: pem.cert,
    key: pem.key,
    minVersion: 'TLSv1.2',
    // Node takes the TLS 1.3 suites in the same list (names starting with TLS_).
    ciphers: [...TLS13_CIPHERSUITES, ...TLS12_CIPHERS].join(':'),
    honorCipherOrder: true,
  };
}

/** Two years, the value browsers' preload lists ask for; sent only over HTTPS (RFC 6797 §7.2). */
export const HSTS = 'max-age=63072000';
