import type { components } from "./generated/openapi.js";

export type FieldError = components["schemas"]["FieldError"];

const STANDARD = new Set(["type", "title", "status", "detail", "instance", "errors"]);

/** A non-2xx answer whose body is not a problem (e.g. the Health body of a 503 /health). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly requestId: string | null;
  readonly headers: Headers;

  constructor(message: string, response: Response, body: unknown) {
    super(message);
    this.name = new.target.name;
    this.status = response.status;
    this.body = body;
    this.headers = response.headers;
    this.requestId = response.headers.get("X-Request-ID");
  }
}

/** An application/problem+json answer (RFC 9457); subclasses name the contract's problem families. */
export class ProblemError extends ApiError {
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors: FieldError[];
  /** Members beyond RFC 9457's (error_id, message, reason, ...). */
  readonly extensions: Record<string, unknown>;

  constructor(response: Response, problem: Record<string, unknown>) {
    const title = typeof problem.title === "string" ? problem.title : "Error";
    const detail = typeof problem.detail === "string" ? problem.detail : undefined;
    super(`${response.status} ${title}${detail ? ": " + detail : ""}`, response, problem);
    this.type = typeof problem.type === "string" ? problem.type : "about:blank";
    this.title = title;
    this.detail = detail;
    this.instance = typeof problem.instance === "string" ? problem.instance : undefined;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    this.extensions = Object.fromEntries(Object.entries(problem).filter(([k]) => !STANDARD.has(k)));
  }
}

/** 400: malformed or invalid; `errors` names the fields. */
export class ValidationProblem extends ProblemError {}
/** 401: missing, expired or invalid token, or wrong credentials at sign-in. */
export class UnauthorizedProblem extends ProblemError {}
/** 403: authenticated but not allowed. */
export class ForbiddenProblem extends ProblemError {}
/** 404: no such object (another user's looks the same). */
export class NotFoundProblem extends ProblemError {}
/** 409: conflicts with the object's state. */
export class ConflictProblem extends ProblemError {}
/** 412 (changed since that ETag) or 428 (If-Match missing). */
export class PreconditionProblem extends ProblemError {}
/** 413 or 415: this request can never succeed as sent. */
export class RequestRejectedProblem extends ProblemError {}
/** 422: Idempotency-Key reused with another body, or an unacceptable upload. */
export class UnprocessableProblem extends ProblemError {}
/** Other 5xx; `extensions.error_id` is in the server log. */
export class ServerProblem extends ProblemError {}

/** A problem that says when to try again; the SDK has already retried it. */
export class RetryableProblem extends ProblemError {
  /** Retry-After in seconds, or null when the server sent none. */
  readonly retryAfterSeconds: number | null;
  constructor(response: Response, problem: Record<string, unknown>) {
    super(response, problem);
    this.retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
  }
}
/** 429: a rate limit was hit. */
export class RateLimitedProblem extends RetryableProblem {}
/** 503: a dependency is down; try again later. */
export class UnavailableProblem extends RetryableProblem {}

/** The refresh token was refused (replayed, revoked, expired): the token store was cleared. */
export class SessionEndedError extends UnauthorizedProblem {}

const FAMILIES: Record<number, new (r: Response, p: Record<string, unknown>) => ProblemError> = {
  400: ValidationProblem,
  401: UnauthorizedProblem,
  403: ForbiddenProblem,
  404: NotFoundProblem,
  409: ConflictProblem,
  412: PreconditionProblem,
  428: PreconditionProblem,
  413: RequestRejectedProblem,
  415: RequestRejectedProblem,
  422: UnprocessableProblem,
  429: RateLimitedProblem,
  503: UnavailableProblem,
};

/** The typed error for a non-2xx response (reads its body). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text();
  const contentType = response.headers.get("Content-Type") ?? "";
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  if (contentType.includes("problem+json") && parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    const Family = FAMILIES[response.status] ?? (response.status >= 500 ? ServerProblem : ProblemError);
    return new Family(response, parsed as Record<string, unknown>);
  }
  return new ApiError(`${response.status} ${response.statusText}`.trim(), response, parsed);
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | null {
  if (value == null || value.trim() === "") return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
