package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The model an agent talks to.
 *
 * @param provider {@code scripted} (deterministic replies from {@link #script}, no key needed) or
 *     {@code openai} (any OpenAI-compatible Chat Completions endpoint)
 * @param id the provider's model id, e.g. {@code gpt-4.1}
 * @param baseUrl the endpoint, e.g. {@code http://localhost:11434/v1}; null for the provider's default
 * @param credential the <em>name</em> of an environment variable on the worker that holds the API
 *     key; never the key itself
 * @param temperature sampling temperature, or null for the provider's default
 * @param maxTokens the most output tokens per call, or null for the provider's default
 * @param timeoutSeconds how long one model call may take before it is retried; default 120
 * @param parameters other provider parameters, passed through as they are
 * @param script the scripted model's turns; used only by the {@code scripted} provider
 * @param price what the model charges; null for the list price in {@link PriceTable}
 * @param maxTokensField for provider {@code openai}: the request field that carries {@code maxTokens},
 *     {@value #MAX_COMPLETION_TOKENS} (null means this, the default; what current OpenAI models take) or
 *     {@value #MAX_TOKENS} (the deprecated name some OpenAI-compatible servers still want)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSpec(
    String provider,
    String id,
    @JsonProperty("base_url") String baseUrl,
    String credential,
    Double temperature,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("timeout_seconds") Integer timeoutSeconds,
    Map<String, Object> parameters,
    List<ScriptedTurn> script,
    Price price,
    @JsonProperty("max_tokens_field") String maxTokensField) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 120;
  /** OpenAI's current name for the output token limit; the default {@link #maxTokensField}. */
  public static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";
  /** The deprecated name, for OpenAI-compatible servers that know no other. */
  public static final String MAX_TOKENS = "max_tokens";

  public ModelSpec {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    script = script == null ? List.of() : List.copyOf(script);
  }

  public ModelSpec(String provider, String id, String baseUrl, String credential, Double temperature,
      Integer maxTokens, Integer timeoutSeconds, Map<String, Object> parameters, List<ScriptedTurn> script) {
    this(provider, id, baseUrl, credential, temperature, maxTokens, timeoutSeconds, parameters, script, null);
  }

  public ModelSpec(String provider, String id, String baseUrl, String credential, Double temperature,
      Integer maxTokens, Integer timeoutSeconds, Map<String, Object> parameters, List<ScriptedTurn> script, Price price) {
    this(provider, id, baseUrl, credential, temperature, maxTokens, timeoutSeconds, parameters, script, price, null);
  }

  /** How the model is named to people, e.g. {@code openai/gpt-4.1}. */
  public String label() {
    return id == null || id.isBlank() ? provider : provider + "/" + id;
  }

  public int timeoutSecondsOrDefault() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }
}
