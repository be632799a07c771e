export { createPlatformClient, SDK_VERSION, type PlatformClient, type PlatformClientOptions } from "./client.js";
export { Session } from "./session.js";
export { memoryTokenStore, type TokenStore, type Tokens } from "./tokens.js";
export { defaultRetryPolicy, type RetryPolicy } from "./retry.js";
export { paged, toArray, PAGED_OPERATIONS } from "./paging.js";
export type { Versioned } from "./items.js";
export * from "./problems.js";
export type { components, paths, operations } from "./generated/openapi.js";
