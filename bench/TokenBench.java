import dev.apiplatform.server.identity.password.PasswordHasher;
import dev.apiplatform.server.security.AuthenticatedUser;
import dev.apiplatform.server.security.CachedRevocations;
import dev.apiplatform.server.security.IssuedTokens;
import dev.apiplatform.server.security.SigningKeys;
import dev.apiplatform.server.security.TokenService;
import dev.apiplatform.server.security.TokenSubject;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Cost of the platform's own token work, without HTTP or stores: {@code TokenService.issue} (signs
 * an access and an id token, ES256) and {@code TokenService.verifyAccessToken} (parse, ES256
 * signature check, claims checks, revocation lookup). A plain loop, no JMH: warm up for
 * WARMUP_MS, then RUNS timed runs of RUN_MS each; prints every run and the median in ns/op.
 *
 * <p>Baseline in the same run: the JDK's {@code SHA256withECDSA} verification of the same
 * tokens' signatures (key already decoded), i.e. the part of verification no code of ours can
 * remove; {@code verifyAccessToken} minus that is what parsing, Nimbus and our checks add.
 *
 * <p>For reading sign-in figures, also {@code PasswordHasher.verify} (Argon2id, the platform's
 * parameters): the password check each {@code POST /auth/signin} makes.
 *
 * <p>The revocation check goes through a real {@link CachedRevocations} over a store that says
 * "not revoked", i.e. the steady state of a busy server (a cache hit per call, no store read).
 *
 * <pre>java -cp 'local/target/lib/*:local/target/platform-local.jar' bench/TokenBench.java [WARMUP_MS RUN_MS RUNS]</pre>
 *
 * Last stdout line, for scripts: {@code TOKENBENCH verify_ns=... issue_ns=... raw_es256_verify_ns=... argon2_verify_ns=... verify_ops_s=... issue_ops_s=...}
 */
public class TokenBench {

  private static volatile Object sink; // keeps results alive so the JIT cannot drop the work

  public static void main(String[] args) {
    long warmupMs = args.length > 0 ? Long.parseLong(args[0]) : 2000;
    long runMs = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;

    TokenService tokens = new TokenService(SigningKeys.of(SigningKeys.generate()), "http://localhost:8080",
        "mobile-platform", Duration.ofHours(1), Clock.systemUTC(), new CachedRevocations(sessionId -> false));
    TokenSubject subject = new TokenSubject("3f1c2d9e-6a55-4a0b-9a43-0d5c1f0e9b21",
        Optional.of("bench@example.com"), Optional.empty(), true, Set.of("PATIENT"),
        Set.of("account:read", "account:write"));

    // a pool of distinct tokens (64 sessions), so no run verifies one string over and over
    String[] pool = new String[64];
    for (int i = 0; i < pool.length; i++) pool[i] = tokens.issue(subject, "session-" + i).accessToken();
    AuthenticatedUser check = tokens.verifyAccessToken(pool[0]);
    if (!check.userId().equals(subject.userId())) throw new AssertionError("verify returned " + check);

    // baseline: the JDK's own SHA256withECDSA check of one such token's signature, nothing else
    java.security.interfaces.ECPublicKey publicKey = publicKey(tokens, pool[0]);
    byte[][] signed = new byte[64][];
    byte[][] derSignatures = new byte[64][];
    for (int i = 0; i < 64; i++) {
      String[] parts = pool[i].split("\\.");
      signed[i] = (parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      derSignatures[i] = der(java.util.Base64.getUrlDecoder().decode(parts[2]));
    }
    Op raw = i -> {
      try {
        java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initVerify(publicKey);
        sig.update(signed[i & 63]);
        if (!sig.verify(derSignatures[i & 63])) throw new AssertionError("raw verify failed");
        return sig;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    };
    // TokenService remembers tokens it verified, so "first sight" needs tokens never seen before:
    // a pool large enough for the warm-up and every run (a wrap would be reported)
    String[] fresh = new String[6000];
    for (int i = 0; i < fresh.length; i++) fresh[i] = tokens.issue(subject, "fresh-" + i).accessToken();
    int[] next = {0};
    Op firstSight = i -> {
      if (next[0] >= fresh.length) throw new IllegalStateException("fresh token pool exhausted; shorten the runs");
      return tokens.verifyAccessToken(fresh[next[0]++]);
    };
    Op verify = i -> tokens.verifyAccessToken(pool[i & 63]);
    Op issue = i -> tokens.issue(subject, "session-" + (i & 63));

    System.out.printf("TokenService, %d cores, JDK %s; warm-up %d ms, %d runs x %d ms%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), warmupMs, runs, runMs);
    double rawNs = measure("JDK ES256 verify", raw, warmupMs, runMs, runs);
    double firstNs = measure("verify, first sight", firstSight, Math.min(warmupMs, 300), Math.min(runMs, 400), runs);
    double verifyNs = measure("verify, repeated", verify, warmupMs, runMs, runs);
    double issueNs = measure("issue (access+id)", issue, warmupMs, runMs, runs);
    // for reading the sign-in figures: the password check every POST /auth/signin makes
    PasswordHasher passwords = new PasswordHasher();
    String phc = passwords.hash("Bench-Heron-2718!");
    double argonNs = measure("Argon2id verify", i -> passwords.verify("Bench-Heron-2718!", phc), warmupMs, runMs, runs);
    System.out.printf("TOKENBENCH verify_ns=%.0f first_verify_ns=%.0f issue_ns=%.0f raw_es256_verify_ns=%.0f"
        + " argon2_verify_ns=%.0f verify_ops_s=%.0f issue_ops_s=%.0f%n", verifyNs, firstNs, issueNs, rawNs, argonNs,
        1e9 / verifyNs, 1e9 / issueNs);
  }

  private static java.security.interfaces.ECPublicKey publicKey(TokenService tokens, String token) {
    try {
      String kid = com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
      return com.nimbusds.jose.jwk.JWKSet.parse(tokens.jwks()).getKeyByKeyId(kid).toECKey().toECPublicKey();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** JWS ES256 signatures are R||S (64 bytes); the JDK wants DER. */
  private static byte[] der(byte[] rs) {
    try {
      return com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(rs);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  interface Op {
    Object run(int i);
  }

  /** Median ns/op over {@code runs} timed runs, after a warm-up. */
  private static double measure(String name, Op op, long warmupMs, long runMs, int runs) {
    loop(op, warmupMs);
    double[] nsPerOp = new double[runs];
    for (int r = 0; r < runs; r++) nsPerOp[r] = loop(op, runMs);
    double[] sorted = nsPerOp.clone();
    Arrays.sort(sorted);
    double median = sorted[runs / 2];
    StringBuilder each = new StringBuilder();
    for (double v : nsPerOp) each.append(String.format(" %.0f", v));
    System.out.printf("%-20s median %,10.0f ns/op  (%,.0f ops/s)  runs:%s%n", name, median, 1e9 / median, each);
    return median;
  }

  /**
   * Runs {@code op} for about {@code millis} ms, at least 3 times; ns per call. The clock is read
   * after every call: ~25 ns against operations of a millisecond or more.
   */
  private static double loop(Op op, long millis) {
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    int n = 0;
    long now;
    do {
      sink = op.run(n++);
      now = System.nanoTime();
    } while (now < deadline || n < 3);
    return (double) (now - start) / n;
  }
}
