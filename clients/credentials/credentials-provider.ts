import { DefaultCredentialsProvider } from '@alicloud/credentials';

// Where the SMQ and VOD clients get their keys. Explicit keys (environment or .env) are used as
// given; without them, Alibaba Cloud's default chain looks in turn at the environment, an OIDC role
// (Kubernetes RRSA), the CLI's and the SDK's credentials files, the ECS instance's RAM role and
// ALIBABA_CLOUD_CREDENTIALS_URI. Temporary keys from the chain are renewed before they expire.

export interface CloudCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** Present for temporary (STS) keys. */
  securityToken?: string;
}

/** Asked before every request; answers from its cache until the keys are due for renewal. */
export interface CloudCredentialsProvider {
  getCredentials(): Promise<CloudCredentials>;
}

/** Keys that never change. */
export function staticCredentials(keys: CloudCredentials): CloudCredentialsProvider {
  const frozen = Object.freeze({ ...keys });
  return { getCredentials: () => Promise.resolve(frozen) };
}

/** The default chain; the first source that answers is kept for the life of the process. */
export function defaultCredentialsChain(): CloudCredentialsProvider {
  const chain = DefaultCredentialsProvider.builder().build();
  return {
    async getCredentials() {
      const answer = await chain.getCredentials();
      return {
        accessKeyId: answer.accessKeyId,
        accessKeySecret: answer.accessKeySecret,
        securityToken: answer.securityToken || undefined,
      };
    },
  };
}

/** Explicit keys when configured, otherwise the default chain. */
export function credentialsProviderFor(keys: CloudCredentials | undefined): CloudCredentialsProvider {
  return keys ? staticCredentials(keys) : defaultCredentialsChain();
}
