package dev.apiplatform.server.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordHasherTest {

  private static final PasswordHasher HASHER = new PasswordHasher();

  /** Written by password4j 1.8.4 (the hasher before Bouncy Castle): stored hashes of that time. */
  private static final String[][] PASSWORD4J = {
      {"Tr0ub4dour&3x", "$argon2id$v=19$m=19456,t=2,p=1$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I"},
      {"correct horse battery staple", "$argon2id$v=19$m=8192,t=1,p=1$kzxmkB08Yvl4dAhkHG4tjA$OgeYQ1BAeSsSqAhaiSRbz5hc4DrXfRY22tgmUP0kCBU"},
      {"p\u00e4ssw\u00f6rd \u2713 \u5bc6\u7801", "$argon2i$v=19$m=19456,t=2,p=1$yFfgGgufbsfrj9obBAE1CQ$nKc1E8qw85Zj8D9mycsHoxYmL42VbaFKCr4APaiaI2g"},
      {"", "$argon2id$v=19$m=19456,t=2,p=1$tYAlmPRRauo$6RXrLgj3bFs2o8tYqDpgu8xBVczAqLZrK87qOcJIUGQ"},
      {"Tr0ub4dour&3x", "$argon2d$v=19$m=4096,t=3,p=2$w7MLw8/Mz9ledMiCytH2FA$kOiRB3bYJkgNoDaxnBkJFnjUALNTUW38I7fd7XN7Km4"},
  };

  @Test
  void verify_acceptsHashesPassword4jWrote_andNothingElse() {
    for (String[] vector : PASSWORD4J) {
      assertThat(HASHER.verify(vector[0], vector[1])).as(vector[1]).isTrue();
      assertThat(HASHER.verify(vector[0] + "x", vector[1])).as(vector[1]).isFalse();
    }
  }

  @Test
  void phc_parsedThenFormatted_isTheStoredString() {
    for (String[] vector : PASSWORD4J) {
      assertThat(Argon2Phc.parse(vector[1]).format()).isEqualTo(vector[1]);
    }
  }

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
    String weaker = PASSWORD4J[1][1];
    String argon2i = PASSWORD4J[2][1];
    String shortSalt = PASSWORD4J[3][1];
    assertThat(HASHER.verify("correct horse battery staple", weaker)).isTrue(); // old hashes keep working
    assertThat(HASHER.needsRehash(weaker)).isTrue();
    assertThat(HASHER.needsRehash(PASSWORD4J[0][1])).isFalse();
    assertThat(HASHER.needsRehash(argon2i)).isTrue();
    assertThat(HASHER.needsRehash(shortSalt)).isTrue();
    assertThat(HASHER.needsRehash("$2b$10$abcdefghijklmnopqrstuu5Kx8Dpq1i3f2yHcYjL3J4vZl9Wm9Kq2")).isTrue();
    assertThat(HASHER.needsRehash(null)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "'$argon2id$v=19$m=4194304,t=2,p=1$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', memory above the bound",
      "'$argon2id$v=19$m=19456,t=999,p=1$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', passes above the bound",
      "'$argon2id$v=19$m=19456,t=2,p=0$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', no lane",
      "'$argon2id$v=19$m=4,t=2,p=1$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', memory below 8 KiB per lane",
      "'$argon2id$v=18$m=19456,t=2,p=1$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', unknown version",
      "'$argon2x$v=19$m=19456,t=2,p=1$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', unknown type",
      "'$argon2id$v=19$m=19456,t=2,p=1$PSXqNR931V3s6l4rIqGVA$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', salt of no base64 length",
      "'$argon2id$v=19$m=19456,t=2,p=1$PSXqNR931V3s6l4rIqGVAw==$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I', padded salt",
      "'$argon2id$v=19$m=19456,t=2,p=1$PSXqNR931V3s6l4rIqGVAw$OZZpohwlTdpcWgvdNGr7nAAknx1zYY+7LVlrOi2Wu4I$', trailing field",
  })
  void verify_storedValueOutOfBoundsOrMalformed_neverMatches_andNeedsRehash(String phc, String why) {
    assertThat(HASHER.verify("Tr0ub4dour&3x", phc)).as(why).isFalse();
    assertThat(HASHER.needsRehash(phc)).as(why).isTrue();
  }
}
