package dev.steward.client.spec;

/**
 * One thing wrong with an agent file.
 *
 * @param file the file's name as the caller gave it
 * @param line the 1-based line the problem is on; 0 when it concerns the whole file
 * @param column the 1-based column on that line where the value (or its key) starts; 0 when unknown
 * @param field the field's path, e.g. {@code model.provider} or {@code tools[1]}; null when it
 *     concerns the whole file
 * @param message what is wrong, and where possible what would be right
 */
public record AgentFileProblem(String file, int line, int column, String field, String message) {

  /** A value quoted from the file may span lines; the problem stays one line (found by AgentFilesFuzzTest). */
  public AgentFileProblem {
    message = message == null ? null : oneLine(message);
    field = field == null ? null : oneLine(field);
  }

  private static String oneLine(String text) {
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
  }

  /** A problem whose column is not known. */
  public AgentFileProblem(String file, int line, String field, String message) {
    this(file, line, 0, field, message);
  }

  /** The one-line form {@code file:line:column: field: message}, as compilers print it. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file);
    if (line > 0) {
      s.append(':').append(line);
      if (column > 0) {
        s.append(':').append(column);
      }
    }
    s.append(": ");
    if (field != null && !field.isEmpty()) {
      s.append(field).append(": ");
    }
    return s.append(message).toString();
  }
}
