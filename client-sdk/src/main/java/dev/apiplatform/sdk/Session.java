package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;
import dev.apiplatform.client.api.AccountApi;
import dev.apiplatform.client.api.AuthApi;
import dev.apiplatform.client.model.AccountTokens;
import dev.apiplatform.client.model.LoginRequest;
import dev.apiplatform.client.model.LoginResponse;
import dev.apiplatform.client.model.RefreshRequest;
import dev.apiplatform.client.model.SigninRequest;
import dev.apiplatform.client.model.SigninResponse;
import dev.apiplatform.client.model.StartRequest;
import dev.apiplatform.client.model.StartResponse;
import dev.apiplatform.client.model.TokenResponse;
import dev.apiplatform.client.model.VerifyRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The signed-in user of a {@link PlatformClient}: signs in by any of the three flows, keeps the
 * tokens in the {@link TokenStore}, and lends the access token to every protected call.
 * {@link AuthInterceptor} refreshes it shortly before {@code exp} and once on a 401; concurrent
 * calls share one refresh. A refused refresh clears the store and surfaces as
 * {@link SessionEndedException}.
 */
public final class Session {

  private final TokenStore store;
  private final AuthApi auth;
  private final AccountApi account;
  private final long refreshBeforeSeconds;
  private final Clock clock;
  private final Object refreshLock = new Object();
  private final AtomicInteger refreshes = new AtomicInteger();
  private volatile Runnable onEnded = new Runnable() {
    @Override
    public void run() {
    }
  };

  /** Seconds since the epoch; replaceable in tests. */
  interface Clock {
    long nowEpochSecond();
  }

  Session(TokenStore store, AuthApi auth, AccountApi account, long refreshBeforeSeconds, Clock clock) {
    this.store = store;
    this.auth = auth;
    this.account = account;
    this.refreshBeforeSeconds = refreshBeforeSeconds;
    this.clock = clock;
  }

  /** Phone sign-in, step 1 (seed 004 {@code /auth/start}): sends a code by SMS. */
  public StartResponse startPhoneSignIn(String phone) throws ApiException {
    return auth.authStart(new StartRequest().phone(phone));
  }

  /** Phone sign-in, step 2 ({@code /auth/verify}): the code from the SMS signs the user in. */
  public TokenResponse verifyPhoneSignIn(StartResponse started, String code) throws ApiException {
    TokenResponse t = auth.authVerify(new VerifyRequest().phone(started.getPhone()).otp(code)
        .session(started.getSession()));
    store.save(Tokens.issued(t.getAccessToken(), t.getRefreshToken(), t.getIdToken(), t.getExpiresIn(), now()));
    return t;
  }

  /** Email and password ({@code /auth/signin}, Motion). */
  public SigninResponse signInWithEmail(String email, String password) throws ApiException {
    SigninResponse r = auth.authSignin(new SigninRequest().email(email).password(password));
    store.save(Tokens.issued(r.getAccessToken(), r.getRefreshToken(), r.getIdToken(), r.getExpiresIn(), now()));
    return r;
  }

  /** Clarity Loop's email login ({@code /api/v1/auth/login}). */
  public LoginResponse signInToClarity(String email, String password) throws ApiException {
    LoginResponse r = account.accountLogin(new LoginRequest().email(email).password(password));
    AccountTokens t = r.getTokens();
    store.save(Tokens.issued(t.getAccessToken(), t.getRefreshToken(), t.getIdToken(), t.getExpiresIn(), now()));
    return r;
  }

  /** Adopts tokens obtained elsewhere (e.g. restored by the app's own store). */
  public void attach(Tokens tokens) {
    store.save(tokens);
  }

  public boolean isSignedIn() {
    return store.load() != null;
  }

  /** The stored tokens, or null. */
  public Tokens tokens() {
    return store.load();
  }

  /**
   * Ends the session on the server ({@code /auth/logout}: its refresh and access tokens stop
   * working) and clears the store, even when the server cannot be reached.
   */
  public void signOut() throws ApiException {
    try {
      if (store.load() != null) {
        auth.authLogout();
      }
    } finally {
      store.clear();
    }
  }

  /**
   * Called (on the calling thread) when a refused refresh ended the session, e.g. to show the
   * sign-in screen. Not called for {@link #signOut()}.
   */
  public void onSessionEnded(Runnable listener) {
    this.onEnded = listener;
  }

  /** How many refreshes this session has made (each concurrent burst of 401s counts once). */
  public int refreshCount() {
    return refreshes.get();
  }

  /** Refreshes now, whatever the expiry. */
  public Tokens refresh() throws ApiException {
    Tokens current = store.load();
    if (current == null) {
      throw new IllegalStateException("not signed in");
    }
    return refreshReplacing(current.accessToken());
  }

  // ---- used by AuthInterceptor ----

  /** The token to send, or null when signed out. Never blocks for a refresh. */
  String currentAccessToken() {
    Tokens t = store.load();
    return t == null ? null : t.accessToken();
  }

  boolean expiresSoon(String accessToken) {
    Tokens t = store.load();
    return t != null && t.accessToken().equals(accessToken)
        && t.expiresAtEpochSecond() - refreshBeforeSeconds <= now();
  }

  /**
   * Single flight: the first caller whose token is still the stored one refreshes; callers
   * that queued behind it find a newer token in the store and take it without a second call.
   *
   * @return the new tokens; null when signed out meanwhile
   * @throws ApiException the refresh call's failure; a 400/401 there has cleared the store
   */
  Tokens refreshReplacing(String staleAccessToken) throws ApiException {
    synchronized (refreshLock) {
      Tokens current = store.load();
      if (current == null) {
        return null;
      }
      if (!current.accessToken().equals(staleAccessToken)) {
        return current;
      }
      TokenResponse t;
      try {
        t = auth.authRefresh(new RefreshRequest().refreshToken(current.refreshToken()));
      } catch (ValidationProblem | UnauthorizedProblem refused) {
        // replayed, revoked or expired refresh token: the session cannot continue
        store.clear();
        onEnded.run();
        throw refused;
      }
      refreshes.incrementAndGet();
      Tokens next = Tokens.issued(t.getAccessToken(), t.getRefreshToken(), t.getIdToken(), t.getExpiresIn(), now());
      store.save(next);
      return next;
    }
  }

  private long now() {
    return clock.nowEpochSecond();
  }
}
