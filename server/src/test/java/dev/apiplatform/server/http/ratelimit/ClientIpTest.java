package dev.apiplatform.server.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpTest {

  private static final List<String> PROXIES = List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "2001:db8::1");

  @Test
  void resolve_noTrustedProxies_usesSocketAddress() {
    assertThat(ClientIp.resolve("203.0.113.9", "198.51.100.1", List.of())).isEqualTo("203.0.113.9");
    assertThat(ClientIp.resolve("203.0.113.9", null, PROXIES)).isEqualTo("203.0.113.9");
  }

  @Test
  void resolve_untrustedPeer_ignoresSpoofedForwardedFor() {
    // a client talking to us directly can write any X-Forwarded-For it likes
    assertThat(ClientIp.resolve("203.0.113.9", "10.0.0.1", PROXIES)).isEqualTo("203.0.113.9");
    assertThat(ClientIp.resolve("203.0.113.9", "198.51.100.1, 10.0.0.2", PROXIES)).isEqualTo("203.0.113.9");
  }

  @Test
  void resolve_trustedPeer_usesTheAddressItReceivedFrom() {
    assertThat(ClientIp.resolve("10.1.2.3", "198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
    assertThat(ClientIp.resolve("192.168.1.7", "198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
  }

  @Test
  void resolve_trustedPeer_takesRightMostUntrustedEntry_notClientSuppliedLeftOnes() {
    // client sent "X-Forwarded-For: 1.2.3.4", the edge proxy appended the real peer, then an inner proxy
    String header = "1.2.3.4, 198.51.100.1, 10.0.0.5";
    assertThat(ClientIp.resolve("10.9.9.9", header, PROXIES)).isEqualTo("198.51.100.1");
  }

  @Test
  void resolve_allHopsTrusted_returnsLeftMostProxy() {
    assertThat(ClientIp.resolve("10.0.0.1", "10.0.0.3, 10.0.0.2", PROXIES)).isEqualTo("10.0.0.3");
  }

  @Test
  void resolve_garbledEntry_stopsAtLastVerifiedHop() {
    assertThat(ClientIp.resolve("10.0.0.1", "198.51.100.1, not-an-ip", PROXIES)).isEqualTo("10.0.0.1");
    assertThat(ClientIp.resolve("10.0.0.1", "1.2.3.4, 300.1.1.1, 10.0.0.2", PROXIES)).isEqualTo("10.0.0.2");
    assertThat(ClientIp.resolve("10.0.0.1", " , ", PROXIES)).isEqualTo("10.0.0.1");
  }

  @Test
  void resolve_ipv6PeersAndCidrs() {
    assertThat(ClientIp.resolve("fd12:3456::1", "2001:db8:ffff::42", PROXIES)).isEqualTo("2001:db8:ffff::42");
    assertThat(ClientIp.resolve("[2001:db8::1]", "[2001:db8:ffff::42]", PROXIES)).isEqualTo("2001:db8:ffff::42");
    assertThat(ClientIp.resolve("2001:db8::2", "198.51.100.1", PROXIES)).isEqualTo("2001:db8::2");
  }

  @Test
  void resolve_ipv4MappedIpv6Peer_matchesIpv4Cidr() {
    assertThat(ClientIp.resolve("::ffff:10.0.0.1", "198.51.100.1", PROXIES)).isEqualTo("198.51.100.1");
  }

  @Test
  void isTrusted_cidrBoundaries() {
    List<String> cidr = List.of("172.16.0.0/12");
    assertThat(ClientIp.isTrusted("172.16.0.0", cidr)).isTrue();
    assertThat(ClientIp.isTrusted("172.31.255.255", cidr)).isTrue();
    assertThat(ClientIp.isTrusted("172.32.0.0", cidr)).isFalse();
    assertThat(ClientIp.isTrusted("172.15.255.255", cidr)).isFalse();
    assertThat(ClientIp.isTrusted("8.8.8.8", List.of("0.0.0.0/0"))).isTrue();
    assertThat(ClientIp.isTrusted("10.0.0.1", List.of("10.0.0.0/33", "10.0.0.0/x", "nonsense"))).isFalse();
    assertThat(ClientIp.isTrusted("10.0.0.1", List.of("::/0"))).isFalse(); // families never mix
  }

  @Test
  void isTrusted_hostnamesAreNeverResolved() {
    assertThat(ClientIp.isTrusted("localhost", List.of("127.0.0.0/8"))).isFalse();
    assertThat(ClientIp.isTrusted("127.0.0.1", List.of("localhost"))).isFalse();
  }
}
