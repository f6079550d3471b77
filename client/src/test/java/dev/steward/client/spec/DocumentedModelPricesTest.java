package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.Price;
import dev.steward.workflows.spec.PriceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every paid model the examples and docs name has a price, so copying one under a cost budget never
 * meets the "no known price" refusal. Scripted and Ollama models are free and not checked.
 */
class DocumentedModelPricesTest {

  private static final Path ROOT = Path.of("..");
  private static final Set<String> PAID = Set.of("openai", "anthropic", "gemini");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  // A model's label in prose, e.g. openai/gpt-4.1.
  private static final Pattern REFUSED = Pattern.compile("\\s+has no known price");
  private static final Pattern LABEL = Pattern.compile("\\b(openai|anthropic|gemini)/([a-z0-9][a-z0-9.-]*[a-z0-9])");

  @Test
  void everyPaidModelInTheExamplesAndDocsHasAPrice() throws IOException {
    List<ModelSpec> models = new ArrayList<>();
    for (Path file : files(ROOT.resolve("examples/agents"), ".yaml")) {
      collect(YAML.readTree(file.toFile()), models);
    }
    List<Path> docs = new ArrayList<>(files(ROOT.resolve("docs"), ".md"));
    // The fault campaign's report quotes its local stand-in model (openai/flaky-1), which no one uses.
    docs.remove(ROOT.resolve("docs/RELIABILITY.md"));
    docs.add(ROOT.resolve("README.md"));
    for (Path doc : docs) {
      String text = Files.readString(doc);
      Matcher block = YAML_BLOCK.matcher(text);
      while (block.find()) {
        collect(YAML.readTree(block.group(1)), models);
      }
      Matcher label = LABEL.matcher(text);
      while (label.find()) {
        // The README shows the refusal itself, for a model that by design has no price.
        if (!REFUSED.matcher(text).region(label.end(), text.length()).lookingAt()) {
          models.add(new ModelSpec(label.group(1), label.group(2), null, null, null, null, null, null, null));
        }
      }
    }

    Set<String> unpriced = new TreeSet<>();
    for (ModelSpec model : models) {
      if (PriceTable.knownPrice(model).isEmpty()) {
        unpriced.add(model.label());
      }
    }
    // The README's example names gpt-4.1-mini and claude-haiku-4-5; the docs name gpt-4.1 and claude-sonnet-4-5.
    assertThat(models).extracting(ModelSpec::label)
        .contains("openai/gpt-4.1-mini", "anthropic/claude-haiku-4-5", "openai/gpt-4.1", "anthropic/claude-sonnet-4-5");
    assertThat(unpriced).as("models named in examples/ or docs without a price in PriceTable").isEmpty();
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Every mapping with a paid provider and an id is a model, wherever it sits. */
  private static void collect(JsonNode node, List<ModelSpec> models) {
    if (node == null) {
      return;
    }
    if (node.isObject() && PAID.contains(node.path("provider").asText()) && node.path("id").isTextual()) {
      Price price = node.has("price") ? JSON.convertValue(node.get("price"), Price.class) : null;
      models.add(new ModelSpec(node.get("provider").asText(), node.get("id").asText(), null, null, null, null, null,
          null, null, price));
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      collect(children.next(), models);
    }
  }
}
