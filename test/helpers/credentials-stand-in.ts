import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IssuedKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
}

export interface CredentialsStandIn {
  /** For ALIBABA_CLOUD_CREDENTIALS_URI. */
  url: string;
  /** Every key pair it can hand out, in order (give them to the emulators). */
  keys: IssuedKey[];
  /** How many it handed out so far. */
  issued(): number;
  close(): Promise<void>;
}

// The credentials SDK renews temporary keys once they are within 15 minutes of expiring.
const RENEWAL_WINDOW_S = 15 * 60;

/**
 * A local stand-in of the endpoint that hands out temporary (STS) keys, answering as the ECS
 * metadata service and a credentials URI do. Each answer is a new key pair that is due for renewal
 * `lifetimeSeconds` later; after the last pair it keeps handing out the last one.
 */
export async function startCredentialsStandIn(
  lifetimeSeconds: number,
  count = 20,
): Promise<CredentialsStandIn> {
  const keys = Array.from({ length: count }, (_, i) => ({
    accessKeyId: `STS.stand-in-${i + 1}`,
    accessKeySecret: `stand-in-secret-${i + 1}`,
    securityToken: `stand-in-token-${i + 1}`,
  }));
  let issued = 0;
  const server = createServer((_request, response) => {
    const key = keys[Math.min(issued, keys.length - 1)];
    issued += 1;
    const expiration = new Date(Date.now() + (RENEWAL_WINDOW_S + lifetimeSeconds) * 1000);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        Code: 'Success',
        AccessKeyId: key?.accessKeyId,
        AccessKeySecret: key?.accessKeySecret,
        SecurityToken: key?.securityToken,
        Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        LastUpdated: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/credentials`,
    keys,
    issued: () => issued,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
