package dev.steward.activities.model.langchain4j;

/**
 * The provider answered but declined to give the reply: a safety block or a refusal (finish
 * reason {@code CONTENT_FILTER} with no tool call). Retrying the same request will not help.
 */
public final class RefusedException extends RuntimeException {

  private final String partialText;

  public RefusedException(String partialText) {
    super("the provider declined to answer (safety filter or refusal)");
    this.partialText = partialText == null ? "" : partialText;
  }

  /** Whatever text came before the refusal, often empty. */
  public String partialText() {
    return partialText;
  }
}
