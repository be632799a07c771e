import { createPlatformClient, type PlatformClient } from "../../src/index.js";

/** The platform started by scripts/with-platform.sh (make test-sdk-ts). */
export const PLATFORM_URL = process.env.PLATFORM_URL ?? "";
if (!PLATFORM_URL) throw new Error("PLATFORM_URL is not set: run through scripts/with-platform.sh (make test-sdk-ts)");

export function phone(): string {
  return "+9198" + String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
}

export function id(prefix: string): string {
  return `${prefix}-${Math.random().toString(16).slice(2)}`;
}

export async function signedInByPhone(): Promise<PlatformClient> {
  const c = createPlatformClient({ baseUrl: PLATFORM_URL });
  const started = await c.session.startPhoneSignIn(phone());
  await c.session.verifyPhoneSignIn(started, started.dev_otp!);
  return c;
}
