package dev.steward.activities.model;

import dev.steward.activities.model.stream.PartialReply;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;

/** One kind of model ({@code scripted}, {@code openai}, ...) behind the model activity. */
public interface ModelProvider {

  /** The name agent specs use in {@code model.provider}, lower case. */
  String name();

  /**
   * Calls the model, reporting its text to {@code partial} as it arrives when the provider streams.
   *
   * @throws io.temporal.failure.ApplicationFailure classified: retryable or not, with a message a
   *     person can act on
   */
  ModelResponse complete(ModelRequest request, PartialReply partial);

  /** Calls the model without reporting partial text. */
  default ModelResponse complete(ModelRequest request) {
    return complete(request, PartialReply.NONE);
  }
}
