package dev.apiplatform.server.http.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request really came from, for per-IP limits and logs.
 *
 * <p>{@code X-Forwarded-For} is written by whoever sent the request, so it is believed only when
 * the socket peer is one of our own proxies. Proxies append the address they received from, so
 * the trustworthy entry is the right-most one that is not itself a trusted proxy; anything left
 * of it may be invented by the client.
 */
public final class ClientIp {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  // InetAddress.getByName resolves anything that is not a literal through DNS; with a colon in
  // it and nothing but hex digits, colons and dots, it is always treated as an IPv6 literal
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  private ClientIp() {
  }

  /**
   * @param socketAddress the peer's IP as the server saw it, without port (IPv6 may be bracketed)
   * @param xForwardedFor the raw header value, or null
   * @param trustedProxies exact IPs or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8})
   */
  public static String resolve(String socketAddress, String xForwardedFor, List<String> trustedProxies) {
    String peer = stripBrackets(socketAddress);
    if (xForwardedFor == null || xForwardedFor.isBlank() || !isTrusted(peer, trustedProxies)) {
      return peer;
    }
    String[] hops = xForwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = stripBrackets(hops[i].strip());
      Optional<byte[]> address = parse(hop);
      if (address.isEmpty()) {
        // a garbled entry means the chain can't be followed further; the last proxy is the
        // closest thing to the client we can vouch for
        return peer;
      }
      if (!isTrusted(hop, trustedProxies)) {
        return hop;
      }
      peer = hop;
    }
    return peer; // every hop was one of our proxies: the request originated inside
  }

  static boolean isTrusted(String ip, List<String> trustedProxies) {
    Optional<byte[]> address = parse(ip);
    if (address.isEmpty() || trustedProxies == null) {
      return false;
    }
    for (String entry : trustedProxies) {
      if (matches(address.get(), entry.strip())) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] address, String entry) {
    int slash = entry.indexOf('/');
    Optional<byte[]> network = parse(slash < 0 ? entry : entry.substring(0, slash));
    if (network.isEmpty() || network.get().length != address.length) {
      return false;
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        return false;
      }
      if (bits < 0 || bits > address.length * 8) {
        return false;
      }
    }
    byte[] net = network.get();
    int fullBytes = bits / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (address[i] != net[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (address[fullBytes] & mask) == (net[fullBytes] & mask);
  }

  private static Optional<byte[]> parse(String ip) {
    if (ip == null || ip.isEmpty() || ip.length() > 45) {
      return Optional.empty();
    }
    if (IPV4.matcher(ip).matches()) {
      return parseIpv4(ip);
    }
    if (!IPV6.matcher(ip).matches()) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InetAddress.getByName(ip).getAddress();
      return Optional.of(unmapIpv4(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> parseIpv4(String ip) {
    String[] parts = ip.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) octet;
    }
    return Optional.of(bytes);
  }

  // ::ffff:10.0.0.1 is how dual-stack sockets report IPv4 peers; compare it as the IPv4 it is
  private static byte[] unmapIpv4(byte[] bytes) {
    if (bytes.length != 16) {
      return bytes;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return bytes;
      }
    }
    if (bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
      return bytes;
    }
    return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
  }

  private static String stripBrackets(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    return t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
  }
}
