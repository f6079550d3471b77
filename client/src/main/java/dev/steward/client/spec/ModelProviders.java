package dev.steward.client.spec;

import java.util.List;
import java.util.Optional;

/**
 * The model providers an agent file may name. This is the one place to add a provider; the worker
 * must of course know how to call it.
 */
public final class ModelProviders {

  /**
   * A provider and what its agent files must say.
   *
   * @param name the value of {@code model.provider}
   * @param requiresModelId true when {@code model.id} must be given
   * @param playsScript true when {@code model.script} is allowed
   * @param defaultBaseUrl the endpoint the worker calls when {@code model.base_url} is not set; null for none
   */
  public record Provider(String name, boolean requiresModelId, boolean playsScript, String defaultBaseUrl) {}

  /** Deterministic replies from {@code model.script}; no key, no network. */
  public static final Provider SCRIPTED = new Provider("scripted", false, true, null);

  /** Any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, LiteLLM...). */
  public static final Provider OPENAI = new Provider("openai", true, false, "https://api.openai.com/v1");

  /** Anthropic's Messages API; needs a model id and a credential (e.g. ANTHROPIC_API_KEY). */
  public static final Provider ANTHROPIC = new Provider("anthropic", true, false, "https://api.anthropic.com/v1");

  /** The Gemini API (Google AI); needs a model id and a credential (e.g. GEMINI_API_KEY). */
  public static final Provider GEMINI = new Provider("gemini", true, false,
      "https://generativelanguage.googleapis.com/v1beta");

  /** Ollama's native API (default http://localhost:11434); needs a model id, no key. */
  public static final Provider OLLAMA = new Provider("ollama", true, false, "http://localhost:11434");

  /** Every provider, in the order error messages list them. */
  public static final List<Provider> ALL = List.of(SCRIPTED, OPENAI, ANTHROPIC, GEMINI, OLLAMA);

  private ModelProviders() {}

  public static Optional<Provider> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(Provider::name).toList();
  }
}
