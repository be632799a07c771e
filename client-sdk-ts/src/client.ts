import createClient, { type Client } from "openapi-fetch";
import { CONTRACT_VERSION, PROTECTED_OPERATIONS } from "./generated/contract.js";
import type { paths } from "./generated/openapi.js";
import { newId } from "./ids.js";
import { itemsHelper } from "./items.js";
import { pagers } from "./paging.js";
import { errorFromResponse, SessionEndedError } from "./problems.js";
import { defaultRetryPolicy, retryingFetch, type RetryPolicy } from "./retry.js";
import { Session } from "./session.js";
import { memoryTokenStore, type TokenStore } from "./tokens.js";

export const SDK_VERSION = CONTRACT_VERSION;

export interface PlatformClientOptions {
  /** e.g. https://api.example.com (a trailing slash is ignored). */
  baseUrl: string;
  /** Default: memory only. */
  tokenStore?: TokenStore;
  /** Default: 3 attempts, 200 ms doubling, Retry-After up to 30 s. */
  retry?: Partial<RetryPolicy>;
  /** Refresh this many seconds before the access token's exp (default 60). */
  refreshBeforeSeconds?: number;
  /** Sent as User-Agent where the platform allows it (Node, React Native); never set it in a browser. */
  userAgent?: string;
  /** Default: globalThis.fetch. */
  fetch?: typeof fetch;
  /** Seconds since the epoch (tests). */
  now?: () => number;
}

export interface PlatformClient {
  /** The typed openapi-fetch client: every path of the contract. A non-2xx answer throws an ApiError/ProblemError. */
  api: Client<paths>;
  session: Session;
  /** Items with ETag/If-Match handled. */
  items: ReturnType<typeof itemsHelper>;
  /** Async iterators over every paged list operation. */
  pages: ReturnType<typeof pagers>;
}

/** One client per app: one fetch pipeline (request id, token, refresh, retries) for every call. */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const send = retryingFetch(baseFetch, policy);
  let session: Session;

  // After the token was sent and refused: refresh once (single flight) and replay.
  const platformFetch = async (request: Request): Promise<Response> => {
    const auth = request.headers.get("Authorization");
    const replay = auth?.startsWith("Bearer ") ? request.clone() : null;
    const response = await send(request);
    if (response.status !== 401 || !replay || !auth) return response;
    const sent = auth.slice("Bearer ".length);
    let fresh;
    try {
      fresh = await session.refreshReplacing(sent);
    } catch (e) {
      if (e instanceof SessionEndedError) {
        await response.body?.cancel();
        throw e;
      }
      return response;
    }
    if (!fresh || fresh.accessToken === sent) return response;
    await response.body?.cancel();
    replay.headers.set("Authorization", `Bearer ${fresh.accessToken}`);
    return send(replay);
  };

  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    fetch: platformFetch as typeof fetch,
  });
  api.use({
    async onRequest({ request, schemaPath }) {
      if (!request.headers.has("X-Request-ID")) request.headers.set("X-Request-ID", newId());
      if (options.userAgent) request.headers.set("User-Agent", `${options.userAgent} platform-sdk-ts/${SDK_VERSION}`);
      if (PROTECTED_OPERATIONS.has(`${request.method} ${schemaPath}`) && !request.headers.has("Authorization")) {
        const token = await session.accessTokenForCall();
        if (token) request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
    async onResponse({ response }) {
      if (!response.ok) throw await errorFromResponse(response);
      return undefined;
    },
  });
  session = new Session(api, options.tokenStore ?? memoryTokenStore(), options.refreshBeforeSeconds ?? 60, now);
  return { api, session, items: itemsHelper(api), pages: pagers(api) };
}
