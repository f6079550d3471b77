package dev.steward.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys and the tenants they belong to. Keys are kept only as SHA-256 digests, so a key never
 * sits in memory longer than needed and a lookup does not compare secrets character by character.
 * With no keys, auth is off and every caller is tenant {@code default}.
 */
public final class ApiKeys {

  /** Tenant names: short, lower case, safe in a search attribute and a log line. */
  static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final Map<String, String> tenantByDigest;

  private ApiKeys(Map<String, String> tenantByDigest) {
    this.tenantByDigest = Map.copyOf(tenantByDigest);
  }

  /** No keys: auth is off. */
  public static ApiKeys none() {
    return new ApiKeys(Map.of());
  }

  /**
   * Keys from a map of key to tenant.
   *
   * @throws IllegalArgumentException for a blank key or a tenant name outside {@code [a-z0-9][a-z0-9_-]{0,63}}
   */
  public static ApiKeys of(Map<String, String> tenantByKey) {
    Map<String, String> digests = new HashMap<>();
    tenantByKey.forEach((key, tenant) -> {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("an API key is blank");
      }
      if (tenant == null || !TENANT.matcher(tenant).matches()) {
        throw new IllegalArgumentException("tenant '" + tenant + "' is not a valid tenant name: use [a-z0-9][a-z0-9_-]*,"
            + " at most 64 characters");
      }
      digests.put(digest(key.strip()), tenant);
    });
    return new ApiKeys(digests);
  }

  /** The keys of {@code settings}: its file's and its inline ones. */
  public static ApiKeys from(GatewaySettings settings) {
    Map<String, String> all = new LinkedHashMap<>();
    if (settings.apiKeysFile() != null) {
      all.putAll(readFile(settings.apiKeysFile()));
    }
    all.putAll(settings.apiKeys());
    return of(all);
  }

  /**
   * Reads a keys file: one {@code <tenant> <key>} pair per line, blank lines and {@code #} comments ignored.
   *
   * @return key to tenant
   */
  static Map<String, String> readFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API keys file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        // The line may hold a key: never echo it.
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected '<tenant> <key>'");
      }
      keys.put(parts[1], parts[0]);
    }
    return keys;
  }

  /** Parses {@code tenant:key,tenant:key} (the {@code STEWARD_API_KEYS} form) into key to tenant; null or blank for none. */
  static Map<String, String> parseInline(String value) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return keys;
    }
    for (String pair : value.split(",")) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new IllegalArgumentException(GatewaySettings.API_KEYS_VARIABLE + " must be comma-separated tenant:key pairs");
      }
      keys.put(pair.substring(colon + 1).strip(), pair.substring(0, colon).strip());
    }
    return keys;
  }

  /** Whether callers must present a key. */
  public boolean enabled() {
    return !tenantByDigest.isEmpty();
  }

  /** The tenant a key belongs to, if it is one of ours. */
  public Optional<String> tenantOf(String key) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(tenantByDigest.get(digest(key.strip())));
  }

  private static String digest(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
