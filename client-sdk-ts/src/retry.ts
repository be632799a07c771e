import { parseRetryAfter } from "./problems.js";

export interface RetryPolicy {
  /** Attempts in all, the first included (default 3; 1 disables retries). */
  maxAttempts: number;
  /** First backoff in ms, doubled per attempt, with up to 50 % jitter off (default 200). */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** A longer Retry-After is handed to the caller as the problem (default 30 s). */
  maxRetryAfterSeconds: number;
  /** Waits; tests record instead. */
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseBackoffMs: 200,
  maxBackoffMs: 5000,
  maxRetryAfterSeconds: 30,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** GET/HEAD/PUT/DELETE/OPTIONS, and POST/PATCH only with an Idempotency-Key. */
export function isRetryable(request: Request): boolean {
  return IDEMPOTENT.has(request.method) || request.headers.has("Idempotency-Key");
}

/**
 * fetch that retries what is safe to retry on network errors, 429 and 503, waiting Retry-After
 * when sent, else exponential backoff with jitter. An aborted request is never retried.
 */
export function retryingFetch(fetchImpl: typeof fetch, policy: RetryPolicy): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isRetryable(request) || policy.maxAttempts <= 1) return fetchImpl(request);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= policy.maxAttempts;
      let response: Response;
      try {
        response = await fetchImpl(request.clone());
      } catch (e) {
        if (last || request.signal?.aborted) throw e;
        await policy.sleep(backoff(policy, attempt));
        continue;
      }
      if (last || (response.status !== 429 && response.status !== 503)) return response;
      const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
      if (retryAfter != null && retryAfter > policy.maxRetryAfterSeconds) return response;
      await response.body?.cancel();
      await policy.sleep(retryAfter != null ? retryAfter * 1000 : backoff(policy, attempt));
    }
  };
}

function backoff(policy: RetryPolicy, attempt: number): number {
  const capped = Math.min(policy.baseBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs);
  return Math.round(capped / 2 + Math.random() * (capped / 2));
}
