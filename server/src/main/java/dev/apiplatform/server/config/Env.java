package dev.apiplatform.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed readers over the environment that name the variable in every error. {@link AppConfig}
 * reads the platform-wide settings with it; each resource group reads its own section with it
 * ({@code ResourceGroup.configure}). Never prints values: the environment holds secrets.
 */
public final class Env {

  private final Map<String, String> env;

  public Env(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String toString() {
    return "Env[" + env.size() + " variables]";
  }

  public Optional<String> raw(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String name, String fallback) {
    return raw(name).orElse(fallback);
  }

  public String matching(String name, String fallback, String regex, String rule) {
    String value = string(name, fallback);
    if (!value.matches(regex)) {
      throw new ConfigException(name + " must be " + rule + ", got '" + value + "'");
    }
    return value;
  }

  /** Comma-separated IPs or CIDRs; shape-checked here, parsed by the rate limiter. */
  public List<String> proxies(String name) {
    return Arrays.stream(raw(name).orElse("").split(","))
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .peek(p -> {
          if (!p.matches("^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$")) {
            throw new ConfigException(name + " entries must be IP addresses or CIDR ranges, got '" + p + "'");
          }
        })
        .toList();
  }

  public int integer(String name, int fallback, int min, int max) {
    return (int) longValue(name, fallback, min, max);
  }

  public long longValue(String name, long fallback, long min, long max) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) return fallback;
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed < min || parsed > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", got '" + value.get() + "'");
      }
      return parsed;
    } catch (NumberFormatException ex) {
      throw new ConfigException(name + " must be an integer, got '" + value.get() + "'");
    }
  }

  public <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) return fallback;
    try {
      return Enum.valueOf(type, value.get().toUpperCase());
    } catch (IllegalArgumentException ex) {
      throw new ConfigException(name + " must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase()
          + ", got '" + value.get() + "'");
    }
  }

  public List<String> list(String name, String fallback) {
    return Arrays.stream(raw(name).orElse(fallback).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .peek(origin -> {
          if (!origin.equals("*") && !origin.matches("^https?://[^/\\s]+$")) {
            throw new ConfigException(name + " entries must be '*' or an origin like https://app.example.com, got '" + origin + "'");
          }
        })
        .toList();
  }

  public Path path(String name, String fallback) {
    try {
      return Path.of(raw(name).orElse(fallback)).toAbsolutePath().normalize();
    } catch (RuntimeException ex) {
      throw new ConfigException(name + " is not a valid path: " + ex.getMessage());
    }
  }

  public Optional<URI> uri(String name) {
    return raw(name).map(value -> {
      try {
        URI uri = URI.create(value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
        return uri;
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(name + " must be an http(s) URL, got '" + value + "'");
      }
    });
  }
}
