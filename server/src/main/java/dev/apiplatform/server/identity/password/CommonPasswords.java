package dev.apiplatform.server.identity.password;

import com.nulabinc.zxcvbn.Context;
import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.matchers.Dictionary;
import com.nulabinc.zxcvbn.matchers.DictionaryMatcher;
import com.nulabinc.zxcvbn.matchers.L33tMatcher;
import com.nulabinc.zxcvbn.matchers.Match;
import com.nulabinc.zxcvbn.matchers.ReverseDictionaryMatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recognises passwords from zxcvbn4j's {@code passwords} dictionary: the 30,000 most frequent
 * passwords of leaked sets, shipped in the library jar, so the list is maintained upstream
 * rather than by us.
 *
 * <p>A password is common when zxcvbn's own dictionary matchers (case-insensitive, reversed,
 * leetspeak like {@code p4ssw0rd}) match it as a whole. zxcvbn's leetspeak decoding substitutes
 * every candidate character at once, so {@code P@ssw0rd123} decodes to {@code passwordl23} and
 * would slip through; because "common word plus a few trailing digits or symbols" is the first
 * rule every cracking tool applies, the same check also runs on the password with up to
 * {@value #MAX_SUFFIX} trailing non-letters removed. Only whole matches count: a long
 * passphrase that merely contains a common word is not refused.
 */
final class CommonPasswords {

  static final int MAX_SUFFIX = 4;
  private static final int MIN_CORE = 4;

  private final Map<String, Map<String, Integer>> ranked;
  private final Context context;
  private final int longestEntry;

  private CommonPasswords(Dictionary passwords) {
    this.ranked = Map.of(passwords.getName(), passwords.getRankedDictionary());
    this.context = new Context(Map.of(passwords.getName(), passwords), Map.of());
    this.longestEntry = passwords.getRankedDictionary().keySet().stream()
        .mapToInt(String::length).max().orElse(0);
  }

  /** The shared instance; the dictionary (about 1 MB in memory) loads on first use. */
  static CommonPasswords instance() {
    return Holder.INSTANCE;
  }

  boolean isCommon(String password) {
    for (String candidate : candidates(password)) {
      if (wholeMatch(candidate)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> candidates(String password) {
    List<String> out = new ArrayList<>();
    out.add(password);
    for (int k = 1; k <= MAX_SUFFIX && password.length() - k >= MIN_CORE; k++) {
      if (Character.isLetter(password.charAt(password.length() - k))) {
        break;
      }
      out.add(password.substring(0, password.length() - k));
    }
    return out;
  }

  private boolean wholeMatch(String candidate) {
    // leetspeak and reversal keep the length, so nothing longer than the longest entry can match;
    // this also keeps the matchers' quadratic substring scan off 128-character inputs
    if (candidate.length() > longestEntry) {
      return false;
    }
    return covers(new DictionaryMatcher(context, ranked).execute(candidate), candidate)
        || covers(new ReverseDictionaryMatcher(context, ranked).execute(candidate), candidate)
        || covers(new L33tMatcher(context, ranked).execute(candidate), candidate);
  }

  private static boolean covers(List<Match> matches, String candidate) {
    return matches.stream().anyMatch(m -> m.i == 0 && m.j == candidate.length() - 1);
  }

  private static final class Holder {
    static final CommonPasswords INSTANCE;

    static {
      try {
        INSTANCE = new CommonPasswords(StandardDictionaries.PASSWORDS_LOADER.load());
      } catch (IOException e) {
        throw new UncheckedIOException("zxcvbn passwords dictionary missing from the classpath", e);
      }
    }
  }
}
