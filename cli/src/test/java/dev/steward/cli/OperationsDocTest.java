package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard draws exactly the series docs/OPERATIONS.md lists, no more and no fewer. */
class OperationsDocTest {

  @Test
  void theDashboardAndTheDocumentedListNameTheSameSeries() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DocumentedMetrics.DASHBOARD));
    Set<String> drawn = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      drawn.addAll(DocumentedMetrics.usedIn(expr.asText()));
    }
    Set<String> documented = DocumentedMetrics.names();

    assertThat(documented).as("documented series").hasSizeGreaterThan(20);
    assertThat(drawn).as("series drawn in docs/grafana/steward.json").containsExactlyInAnyOrderElementsOf(documented);
  }
}
