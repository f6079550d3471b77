package dev.steward.activities.tools;

/** An expected tool failure; its message is shown to the model as the tool's result. */
public class ToolException extends Exception {

  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
