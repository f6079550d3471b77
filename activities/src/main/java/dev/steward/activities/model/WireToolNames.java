package dev.steward.activities.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps Steward tool names to names every provider accepts ({@code ^[a-zA-Z0-9_-]{1,64}$}) and
 * back. A name that already fits is sent as it is ({@code http_get}); any other
 * ({@code github.create_issue}, {@code agent:researcher}) becomes its characters with the
 * forbidden ones replaced by {@code _}, cut to 55, plus {@code _} and 8 hex digits of its SHA-256,
 * e.g. {@code github_create_issue_1a2b3c4d}. The mapping is a pure function of the name, so the
 * same tool has the same wire name in every call of an agent's life; the way back is the table of
 * the names in one request.
 */
public final class WireToolNames {

  private static final Pattern SAFE = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final int PREFIX_CHARS = 55;

  private final Map<String, String> toWire = new HashMap<>();
  private final Map<String, String> toSteward = new HashMap<>();

  private WireToolNames(Collection<String> stewardNames) {
    for (String name : stewardNames) {
      if (name != null) {
        String wire = wireName(name);
        toWire.put(name, wire);
        toSteward.putIfAbsent(wire, name);
      }
    }
  }

  /** The table for the tool names that appear in one request. */
  public static WireToolNames of(Collection<String> stewardNames) {
    return new WireToolNames(stewardNames);
  }

  /** The wire form of one name. */
  public static String wireName(String stewardName) {
    if (SAFE.matcher(stewardName).matches()) {
      return stewardName;
    }
    String cleaned = stewardName.replaceAll("[^a-zA-Z0-9_-]", "_");
    String prefix = cleaned.length() > PREFIX_CHARS ? cleaned.substring(0, PREFIX_CHARS) : cleaned;
    return prefix + "_" + shortHash(stewardName);
  }

  public String toWire(String stewardName) {
    String known = toWire.get(stewardName);
    return known != null ? known : wireName(stewardName);
  }

  /** The Steward name for a wire name; a name the table does not know comes back as it is. */
  public String toSteward(String wireName) {
    return toSteward.getOrDefault(wireName, wireName);
  }

  private static String shortHash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
