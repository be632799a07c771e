package dev.apiplatform.server.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private static final PasswordHasher HASHER = new PasswordHasher();

  @Test
  void hash_isArgon2idPhcWithOwaspParameters() {
    String phc = HASHER.hash("Tr0ub4dour&3x");
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    String[] parts = phc.split("\\$");
    assertThat(parts).hasSize(6);
    assertThat(parts[4]).hasSize(22); // 16 salt bytes, unpadded base64
    assertThat(parts[5]).hasSize(43); // 32 hash bytes, unpadded base64
  }

  @Test
  void verify_acceptsThePasswordItHashed() {
    String phc = HASHER.hash("Tr0ub4dour&3x");
    assertThat(HASHER.verify("Tr0ub4dour&3x", phc)).isTrue();
  }

  @Test
  void verify_refusesAnyOtherPassword() {
    String phc = HASHER.hash("Tr0ub4dour&3x");
    assertThat(HASHER.verify("Tr0ub4dour&3X", phc)).isFalse();
    assertThat(HASHER.verify("", phc)).isFalse();
    assertThat(HASHER.verify(null, phc)).isFalse();
  }

  @Test
  void hash_saltsEachHash() {
    assertThat(HASHER.hash("Tr0ub4dour&3x")).isNotEqualTo(HASHER.hash("Tr0ub4dour&3x"));
  }

  @Test
  void verify_malformedStoredValue_neverMatches() {
    assertThat(HASHER.verify("x", null)).isFalse();
    assertThat(HASHER.verify("x", "")).isFalse();
    assertThat(HASHER.verify("x", "x")).isFalse();
    assertThat(HASHER.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$garbage")).isFalse();
  }

  @Test
  void verifyDummy_neverSucceeds() {
    assertThat(HASHER.verifyDummy("dummy password for accounts that do not exist")).isFalse();
    assertThat(HASHER.verifyDummy(null)).isFalse();
  }

  @Test
  void needsRehash_falseForCurrentParameters() {
    assertThat(HASHER.needsRehash(HASHER.hash("Tr0ub4dour&3x"))).isFalse();
  }

  @Test
  void needsRehash_trueForWeakerParametersOrOtherAlgorithms() {
    String weaker = Password.hash("Tr0ub4dour&3x").addRandomSalt(16)
        .with(Argon2Function.getInstance(8192, 1, 1, 32, Argon2.ID, 19)).getResult();
    String argon2i = Password.hash("Tr0ub4dour&3x").addRandomSalt(16)
        .with(Argon2Function.getInstance(19456, 2, 1, 32, Argon2.I, 19)).getResult();
    String shortSalt = Password.hash("Tr0ub4dour&3x").addRandomSalt(8)
        .with(Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID, 19)).getResult();
    assertThat(HASHER.verify("Tr0ub4dour&3x", weaker)).isTrue(); // old hashes keep working
    assertThat(HASHER.needsRehash(weaker)).isTrue();
    assertThat(HASHER.needsRehash(argon2i)).isTrue();
    assertThat(HASHER.needsRehash(shortSalt)).isTrue();
    assertThat(HASHER.needsRehash("$2b$10$abcdefghijklmnopqrstuu5Kx8Dpq1i3f2yHcYjL3J4vZl9Wm9Kq2")).isTrue();
    assertThat(HASHER.needsRehash(null)).isTrue();
  }
}
