package dev.steward.activities.model.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelLimitsTest {

  @Test
  void withoutConfigurationEachModelGetsSixteenCallsAtOnceAndNoRateLimit() {
    assertThat(ModelLimits.parse(null)).isEqualTo(ModelLimits.DEFAULTS);
    assertThat(ModelLimits.parse("  ")).isEqualTo(ModelLimits.DEFAULTS);
    assertThat(ModelLimits.DEFAULTS.forModel("openai/gpt-4.1")).isEqualTo(new ModelLimit(16, 0.0));
    assertThat(ModelLimits.DEFAULTS).hasToString("*=concurrency:16,rps:unlimited");
  }

  @Test
  void exactModelBeatsItsProviderWhichBeatsEveryModel() {
    ModelLimits limits = ModelLimits.parse("*=concurrency:8;openai/*=concurrency:4,rps:10;openai/gpt-4.1=concurrency:2");

    assertThat(limits.forModel("openai/gpt-4.1")).isEqualTo(new ModelLimit(2, 10.0));
    assertThat(limits.forModel("openai/gpt-4o")).isEqualTo(new ModelLimit(4, 10.0));
    assertThat(limits.forModel("anthropic/claude-sonnet-4-5")).isEqualTo(new ModelLimit(8, 0.0));
  }

  @Test
  void settingsARuleLeavesOutComeFromTheNextLessSpecificRuleAndTheDefaultIsAlwaysBeneath() {
    ModelLimits limits = ModelLimits.parse("anthropic/*=rps:0.5; openai/gpt-4.1 = rps : 2 ;");

    assertThat(limits.forModel("anthropic/claude-opus-4")).isEqualTo(new ModelLimit(16, 0.5));
    assertThat(limits.forModel("OpenAI/GPT-4.1")).isEqualTo(new ModelLimit(16, 2.0));
  }

  @Test
  void unlimitedLiftsALimit() {
    ModelLimits limits = ModelLimits.parse("*=concurrency:unlimited;ollama/*=rps:unlimited,concurrency:1");

    assertThat(limits.forModel("openai/gpt-4.1")).isEqualTo(ModelLimit.NONE);
    assertThat(limits.forModel("ollama/llama3.2")).isEqualTo(new ModelLimit(1, 0.0));
    assertThat(ModelLimits.NONE.forModel("openai/gpt-4.1")).isEqualTo(ModelLimit.NONE);
  }

  @Test
  void modelIdsMayHoldSlashesAndAModelWithoutIdFollowsItsProvider() {
    ModelLimits limits = ModelLimits.parse("openai/meta-llama/llama-3-70b=concurrency:1;scripted/*=concurrency:3");

    assertThat(limits.forModel("openai/meta-llama/llama-3-70b").concurrency()).isEqualTo(1);
    assertThat(limits.forModel("scripted").concurrency()).isEqualTo(3);
  }

  @Test
  void printsBackInItsOwnSyntax() {
    String text = "openai/gpt-4.1=concurrency:4,rps:2;anthropic/*=concurrency:2;*=concurrency:16,rps:unlimited";
    assertThat(ModelLimits.parse(text)).hasToString(text);
    assertThat(ModelLimits.parse(ModelLimits.parse(text).toString())).isEqualTo(ModelLimits.parse(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "openai/gpt-4.1                          | 'openai/gpt-4.1': expected MODEL=SETTINGS",
      "openai=concurrency:2                    | 'openai' is not a model; write provider/id, provider/* or * (e.g. openai/*)",
      "openai/gpt-*=concurrency:2              | after 'provider/' write the model id or * alone",
      "Open AI/x=concurrency:2                 | 'open ai' is not a provider name",
      "openai/gpt-4.1=                         | no settings",
      "openai/gpt-4.1=concurrency:x            | concurrency must be a whole number from 1, or unlimited; got 'x'",
      "openai/gpt-4.1=concurrency:0            | got '0'",
      "openai/gpt-4.1=rps:-1                   | rps must be a number of calls per second above 0",
      "openai/gpt-4.1=rps:NaN                  | got 'nan'",
      "openai/gpt-4.1=rps:1e3                  | got '1e3'",
      "openai/gpt-4.1=rpm:60                   | unknown setting 'rpm:60'; use concurrency:N or rps:R",
      "openai/gpt-4.1=concurrency:1,concurrency:2 | concurrency is given twice",
      "*=concurrency:1;*=rps:1                 | '*' has a rule already",
  })
  void badConfigurationNamesTheVariableAndTheBadPart(String text, String problem) {
    assertThatThrownBy(() -> ModelLimits.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("STEWARD_MODEL_LIMITS: in '")
        .hasMessageContaining(problem)
        .hasMessageContaining("Syntax: MODEL=concurrency:N,rps:R");
  }
}
