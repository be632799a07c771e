/** The tokens of one session. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  idToken?: string;
  /** Access token expiry, seconds since the epoch. */
  expiresAt: number;
}

/**
 * Where the session keeps its tokens. Methods may be async: back it with Keychain/SecureStore in
 * React Native, or sessionStorage in a browser. The default keeps them in memory.
 */
export interface TokenStore {
  load(): Tokens | null | Promise<Tokens | null>;
  save(tokens: Tokens): void | Promise<void>;
  clear(): void | Promise<void>;
}

export function memoryTokenStore(): TokenStore {
  let tokens: Tokens | null = null;
  return {
    load: () => tokens,
    save: (t) => {
      tokens = t;
    },
    clear: () => {
      tokens = null;
    },
  };
}

/** Tokens as a sign-in or refresh answered them; expiry from the JWT's exp, else now + expires_in. */
export function issuedTokens(
  access: string,
  refresh: string,
  id: string | undefined,
  expiresIn: number,
  nowSeconds: number,
): Tokens {
  const exp = expClaim(access);
  return { accessToken: access, refreshToken: refresh, idToken: id, expiresAt: exp ?? nowSeconds + expiresIn };
}

/** The JWT's exp claim, unverified (the server verifies; this only schedules the refresh). */
export function expClaim(jwt: string): number | null {
  const part = jwt.split(".")[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const claims = JSON.parse(atob(b64));
    return typeof claims.exp === "number" ? claims.exp : null;
  } catch {
    return null;
  }
}
