package dev.steward.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which hosts each of the workers' credentials may be sent to. A spec names a credential (an
 * environment variable of the worker) and, separately, the URL it goes to; binding the credential to
 * the hosts of the service it was issued for means no spec can have it sent anywhere else. The
 * gateway refuses such a spec at the door; the worker checks again before it reads the value.
 *
 * <p>Written as entries {@code NAME[,NAME...][@HOST[,HOST...]]} separated by {@code ;}
 * e.g. {@code OPENAI_API_KEY;GITHUB_TOKEN@api.github.com;CRM_TOKEN@crm.example.com,*.crm.example.com}.
 * A host is a name (any case, a trailing dot ignored), {@code *.domain} for the domain's sub-domains, or
 * an address literal; ports do not matter. A name written without hosts is bound to its provider's own
 * endpoint ({@link #DEFAULT_HOSTS}); any other name must say its hosts. {@value #ANY} alone stands for
 * every name, sent anywhere: only for a gateway whose every caller may use every worker secret.
 */
public final class CredentialHosts {

  /** The worker's setting: when set, the worker sends the credentials it lists only to their hosts. */
  public static final String VARIABLE = "STEWARD_CREDENTIAL_HOSTS";
  /** Every name, every host. */
  public static final String ANY = "*";

  /** The providers' own endpoints, where their well-known credentials go when no host is written. */
  public static final Map<String, List<String>> DEFAULT_HOSTS = Map.of(
      "OPENAI_API_KEY", List.of("api.openai.com"),
      "ANTHROPIC_API_KEY", List.of("api.anthropic.com"),
      "GEMINI_API_KEY", List.of("generativelanguage.googleapis.com"),
      "GOOGLE_API_KEY", List.of("generativelanguage.googleapis.com"));

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HOST = Pattern.compile("(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*|\\[[0-9A-Fa-f:.]+]");

  private static final CredentialHosts NONE = new CredentialHosts(Map.of(), false);

  /** Each name's host patterns, lower case. */
  private final Map<String, List<String>> hosts;
  private final boolean any;

  private CredentialHosts(Map<String, List<String>> hosts, boolean any) {
    this.hosts = Collections.unmodifiableMap(new TreeMap<>(hosts));
    this.any = any;
  }

  /** No credential listed. */
  public static CredentialHosts none() {
    return NONE;
  }

  /**
   * Reads the entries described in the class comment; blank text lists none.
   *
   * @throws IllegalArgumentException naming the entry that is wrong and what would be right
   */
  public static CredentialHosts parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Map<String, List<String>> out = new TreeMap<>();
    boolean any = false;
    for (String entry : text.strip().split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int at = entry.indexOf('@');
      String names = at < 0 ? entry : entry.substring(0, at);
      List<String> written = at < 0 ? List.of() : hosts(entry, entry.substring(at + 1));
      for (String raw : names.split(",")) {
        String name = raw.strip();
        if (name.isEmpty()) {
          continue;
        }
        if (name.equals(ANY)) {
          if (at >= 0) {
            throw new IllegalArgumentException("'" + entry + "': " + ANY + " stands for every credential sent anywhere,"
                + " so it takes no hosts; name each credential with its hosts instead, e.g. NAME@api.example.com");
          }
          any = true;
          continue;
        }
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("'" + name + "' is not the name of an environment variable (letters,"
              + " digits and _, not starting with a digit) nor " + ANY + " for any; write NAME or NAME@host,host,"
              + " entries separated by ';', e.g. OPENAI_API_KEY;CRM_TOKEN@crm.example.com");
        }
        List<String> bound = written.isEmpty() ? DEFAULT_HOSTS.get(name) : written;
        if (bound == null) {
          throw new IllegalArgumentException("'" + name + "' needs the hosts it may be sent to, e.g. " + name
              + "@api.example.com (only " + String.join(", ", new TreeMap<>(DEFAULT_HOSTS).keySet())
              + " have a default: their provider's endpoint)");
        }
        List<String> merged = new ArrayList<>(out.getOrDefault(name, List.of()));
        bound.stream().filter(h -> !merged.contains(h)).forEach(merged::add);
        out.put(name, List.copyOf(merged));
      }
    }
    return new CredentialHosts(out, any);
  }

  /**
   * The worker's binding from {@value #VARIABLE}; unset or blank binds nothing.
   *
   * @throws IllegalArgumentException naming the variable and the wrong entry
   */
  public static CredentialHosts fromEnvironment(Function<String, String> env) {
    try {
      return parse(env.apply(VARIABLE));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(VARIABLE + ": " + e.getMessage(), e);
    }
  }

  private static List<String> hosts(String entry, String list) {
    List<String> out = new ArrayList<>();
    for (String raw : list.split(",")) {
      String host = normal(raw);
      if (host.isEmpty()) {
        continue;
      }
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException("'" + entry + "': '" + raw.strip() + "' is not a host name, *.domain or"
            + " address; write NAME@host,host without scheme, port or path, e.g. CRM_TOKEN@crm.example.com");
      }
      out.add(host);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("'" + entry + "': no host after @; e.g. CRM_TOKEN@crm.example.com");
    }
    return out;
  }

  private static String normal(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** Whether nothing is listed. */
  public boolean isEmpty() {
    return hosts.isEmpty() && !any;
  }

  /** Whether {@value #ANY} was listed: every name, every host. */
  public boolean any() {
    return any;
  }

  /** Whether the credential {@code name} is listed (or {@value #ANY} is). */
  public boolean lists(String name) {
    return any || hosts.containsKey(name);
  }

  /** The hosts {@code name} is bound to, or empty when it is not bound (not listed, or {@value #ANY}). */
  public Optional<List<String>> hostsOf(String name) {
    return Optional.ofNullable(hosts.get(name));
  }

  /**
   * Why the credential {@code name} may not be sent to {@code host}, or empty when it may: it is not
   * bound, or the host is one of its hosts. A bound credential is never sent where the host is unknown.
   *
   * @param host the host the request goes to, e.g. {@code api.openai.com}; null when unknown
   */
  public Optional<String> refusal(String name, String host) {
    List<String> bound = hosts.get(name);
    if (bound == null) {
      return Optional.empty();
    }
    String h = host == null ? "" : normal(host);
    if (!h.isEmpty() && bound.stream().anyMatch(pattern -> matches(pattern, h))) {
      return Optional.empty();
    }
    return Optional.of("the credential " + name + " may be sent only to " + String.join(", ", bound)
        + (h.isEmpty() ? "" : ", not to " + h));
  }

  /** {@code host} as URI gives it: an IPv6 literal in brackets, which a pattern may write with or without. */
  private static boolean matches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      return host.endsWith(pattern.substring(1)) && host.length() > pattern.length() - 1;
    }
    return pattern.equals(host) || ("[" + pattern + "]").equals(host) || pattern.equals("[" + host + "]");
  }

  /** Both lists; a name in both gets the hosts of both. */
  public CredentialHosts plus(CredentialHosts other) {
    Map<String, List<String>> merged = new TreeMap<>(hosts);
    other.hosts.forEach((name, list) -> {
      List<String> all = new ArrayList<>(merged.getOrDefault(name, List.of()));
      list.stream().filter(h -> !all.contains(h)).forEach(all::add);
      merged.put(name, List.copyOf(all));
    });
    return new CredentialHosts(merged, any || other.any);
  }

  /** The entries in their written form, {@code NAME@host,host}, sorted by name; {@value #ANY} first when listed. */
  public List<String> entries() {
    List<String> out = new ArrayList<>();
    if (any) {
      out.add(ANY);
    }
    hosts.forEach((name, list) -> out.add(name + "@" + String.join(",", list)));
    return out;
  }

  @Override
  public String toString() {
    return String.join(";", entries());
  }
}
