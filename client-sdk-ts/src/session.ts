import type { Client } from "openapi-fetch";
import type { components, paths } from "./generated/openapi.js";
import { SessionEndedError, UnauthorizedProblem, ValidationProblem } from "./problems.js";
import { issuedTokens, type TokenStore, type Tokens } from "./tokens.js";

type Schemas = components["schemas"];

/**
 * The signed-in user: signs in by any of the three flows, keeps the tokens in the TokenStore,
 * lends the access token to every protected call, refreshes it shortly before exp and once on
 * a 401. Concurrent callers share one refresh. A refused refresh clears the store and the call
 * fails with SessionEndedError.
 */
export class Session {
  private inflight: Promise<Tokens | null> | null = null;
  private refreshes = 0;
  private endedListener: () => void = () => {};

  constructor(
    private readonly api: Client<paths>,
    private readonly store: TokenStore,
    private readonly refreshBeforeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Phone sign-in, step 1 (seed 004 /auth/start): sends a code by SMS. */
  async startPhoneSignIn(phone: string): Promise<Schemas["StartResponse"]> {
    return (await this.api.POST("/auth/start", { body: { phone } })).data!;
  }

  /** Phone sign-in, step 2 (/auth/verify): the code from the SMS signs the user in. */
  async verifyPhoneSignIn(started: Schemas["StartResponse"], code: string): Promise<Schemas["TokenResponse"]> {
    const t = (await this.api.POST("/auth/verify", {
      body: { phone: started.phone, otp: code, session: started.session },
    })).data!;
    await this.store.save(issuedTokens(t.access_token, t.refresh_token, t.id_token, t.expires_in, this.now()));
    return t;
  }

  /** Email and password (/auth/signin, Motion). */
  async signInWithEmail(email: string, password: string): Promise<Schemas["SigninResponse"]> {
    const r = (await this.api.POST("/auth/signin", { body: { email, password } })).data!;
    await this.store.save(issuedTokens(r.accessToken, r.refreshToken, r.idToken, r.expiresIn, this.now()));
    return r;
  }

  /** Clarity Loop's login (/api/v1/auth/login). */
  async signInToClarity(email: string, password: string): Promise<Schemas["LoginResponse"]> {
    const r = (await this.api.POST("/api/v1/auth/login", { body: { email, password } })).data!;
    const t = r.tokens;
    await this.store.save(issuedTokens(t.access_token, t.refresh_token, t.id_token, t.expires_in, this.now()));
    return r;
  }

  /** Adopts tokens obtained elsewhere (e.g. restored from the app's storage). */
  async attach(tokens: Tokens): Promise<void> {
    await this.store.save(tokens);
  }

  async tokens(): Promise<Tokens | null> {
    return this.store.load();
  }

  async isSignedIn(): Promise<boolean> {
    return (await this.store.load()) != null;
  }

  /** Ends the session on the server (/auth/logout) and clears the store, even if the call fails. */
  async signOut(): Promise<void> {
    try {
      if (await this.store.load()) await this.api.POST("/auth/logout");
    } finally {
      await this.store.clear();
    }
  }

  /** Refreshes now, whatever the expiry. */
  async refresh(): Promise<Tokens> {
    const current = await this.store.load();
    if (!current) throw new Error("not signed in");
    const next = await this.refreshReplacing(current.accessToken);
    if (!next) throw new Error("signed out during the refresh");
    return next;
  }

  /** Called when a refused refresh ended the session (e.g. to show sign-in); not for signOut(). */
  onSessionEnded(listener: () => void): void {
    this.endedListener = listener;
  }

  /** Refreshes made so far (a burst of concurrent 401s counts once). */
  get refreshCount(): number {
    return this.refreshes;
  }

  /** The token for a protected call: refreshed first when it expires within the margin. */
  async accessTokenForCall(): Promise<string | null> {
    const t = await this.store.load();
    if (!t) return null;
    if (t.expiresAt - this.refreshBeforeSeconds > this.now()) return t.accessToken;
    try {
      return (await this.refreshReplacing(t.accessToken))?.accessToken ?? null;
    } catch (e) {
      if (e instanceof SessionEndedError) throw e;
      return t.accessToken; // transient failure: the token may still be valid for a few seconds
    }
  }

  /**
   * Single flight: the first caller whose token is still the stored one refreshes; the others
   * join its promise or, arriving later, find the newer token in the store.
   */
  async refreshReplacing(stale: string): Promise<Tokens | null> {
    const current = await this.store.load();
    if (!current) return null;
    if (current.accessToken !== stale) return current;
    if (!this.inflight) {
      this.inflight = this.doRefresh(current).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async doRefresh(current: Tokens): Promise<Tokens> {
    let t: Schemas["TokenResponse"];
    try {
      t = (await this.api.POST("/auth/refresh", { body: { refresh_token: current.refreshToken } })).data!;
    } catch (e) {
      if (e instanceof ValidationProblem || e instanceof UnauthorizedProblem) {
        await this.store.clear();
        this.endedListener();
        const problem = e.body as Record<string, unknown>;
        throw new SessionEndedError(new Response(null, { status: 401, headers: e.headers }), problem);
      }
      throw e;
    }
    this.refreshes++;
    const next = issuedTokens(t.access_token, t.refresh_token, t.id_token, t.expires_in, this.now());
    await this.store.save(next);
    return next;
  }
}
