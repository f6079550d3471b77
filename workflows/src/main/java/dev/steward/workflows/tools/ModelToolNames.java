package dev.steward.workflows.tools;

import dev.steward.workflows.spec.DeclaredTools;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names a model sees for Steward's tools. Every provider accepts {@code ^[a-zA-Z0-9_-]{1,64}$};
 * a name that already fits is used as it is ({@code http_get}), any other ({@code github.create_issue},
 * {@code agent:researcher}) becomes its characters with the forbidden ones replaced by {@code _}, cut
 * to 55, plus {@code _} and 8 hex digits of its SHA-256, e.g. {@code github_create_issue_1a2b3c4d}.
 * A pure function of the name, so the same tool has the same name in every call of an agent's life,
 * and messages meant for the model (an unknown tool, bad arguments) can name tools as it knows them.
 */
public final class ModelToolNames {

  private static final Pattern SAFE = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final int PREFIX_CHARS = 55;

  private ModelToolNames() {}

  /** The name the model sees for a Steward tool name. */
  public static String of(String stewardName) {
    if (SAFE.matcher(stewardName).matches()) {
      return stewardName;
    }
    String cleaned = stewardName.replaceAll("[^a-zA-Z0-9_-]", "_");
    String prefix = cleaned.length() > PREFIX_CHARS ? cleaned.substring(0, PREFIX_CHARS) : cleaned;
    return prefix + "_" + shortHash(stewardName);
  }

  /**
   * The tools as the model knows them, for a message to the model. A wildcard ({@code fs.*}) stands
   * for tools only the worker lists; it reads as {@code fs_* (the tools of fs)}.
   */
  public static List<String> describe(Collection<String> stewardNames) {
    return stewardNames.stream().map(name -> name.endsWith(DeclaredTools.ALL)
        ? of(name.substring(0, name.length() - DeclaredTools.ALL.length())) + "_* (the tools of " + name + ")"
        : of(name)).toList();
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
