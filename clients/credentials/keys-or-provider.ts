/**
 * How an SMQ or VOD client gets its keys: given once (an STS token with temporary ones, not renewed),
 * or from a provider asked before every request, which renews temporary keys.
 */
export type KeysOrProvider<Provider> =
  | {
      accessKeyId: string;
      accessKeySecret: string;
      securityToken?: string;
      credentialsProvider?: undefined;
    }
  | {
      credentialsProvider: Provider;
      accessKeyId?: undefined;
      accessKeySecret?: undefined;
      securityToken?: undefined;
    };
