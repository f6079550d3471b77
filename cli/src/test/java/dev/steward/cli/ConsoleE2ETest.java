package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.gateway.GatewaySettings;
import dev.steward.gateway.StewardGateway;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Steward console in a real headless browser (Debian's chromium) against a real gateway,
 * worker and embedded Temporal server: a person opens an agent, sends a message, approves a tool
 * call, answers a question and watches the reply stream in (the Watch stream, gRPC-Web with JSON);
 * edits memory, pauses a schedule, opens a sub-agent's page, and keeps following the agent across a
 * gateway restart; bad input shows the gateway's error text; with another tenant's key no agent is
 * listed or readable. Screenshots in target/console-screenshots.
 */
class ConsoleE2ETest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String SPEC = """
      name: console-helper
      tools: [current_time, ask_human]
      approval: {tools: [current_time]}
      model:
        provider: scripted
        id: console-model
        parameters: {chunk_pause_ms: 1500}   # the reply streams in pieces, slowly enough to watch
        script:
          - steps:
              - tool_calls: [{tool: current_time}]
              - tool_calls: [{tool: ask_human, arguments: {question: "Which colour do you like?"}}]
              - reply: "done, you said {{last_tool_result}}"
      """;

  // A parent with a memory block, a schedule and a sub-agent, as resolved JSON: a spec sent to the
  // gateway carries its sub-agents' specs inside.
  private static final String PARENT_SPEC_JSON = """
      {"name": "console-parent",
       "memory": {"blocks": [{"name": "human", "limit": 200, "description": "Who the user is", "text": "Name: Ada"}]},
       "schedules": [{"name": "nightly", "every": "24h", "message": "Tidy up"}],
       "tools": [{"name": "agent:helper", "options": {"spec": {"name": "helper",
         "model": {"provider": "scripted", "script": [{"steps": [{"reply": "hi from the helper"}]}]}}}}],
       "model": {"provider": "scripted", "parameters": {"chunk_pause_ms": 200}, "script": [{"steps": [
         {"tool_calls": [{"tool": "agent:helper", "arguments": {"task": "say hi"}}]},
         {"reply": "the helper said {{last_tool_result}}"}]}]}}
      """;

  // Small context and priced tokens: a few long messages fold older turns into a summary and cost
  // something against the budgets.
  private static final String KEEPER_SPEC = """
      name: console-keeper
      model:
        provider: scripted
        parameters: {chunk_pause_ms: 0}
        price: {input_per_million: 1000, output_per_million: 2000}
      limits: {max_total_tokens: 100000, max_cost_usd: 50, max_turns: 20}
      memory: {context_tokens: 256}
      """;

  private EmbeddedTemporal server;
  private StewardWorker worker;
  private AgentClient client;
  private StewardGateway gateway;
  private ChromeDriver browser;
  private Path profile;

  @BeforeEach
  void start() throws IOException {
    server = EmbeddedTemporal.startOnFreePort();
    SearchAttributes.register(server.address(), "default");
    worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(server.address())).start();
    client = AgentClient.connect(new ClientSettings(server.address(), "default", WorkerSettings.DEFAULT_TASK_QUEUE));
    gateway = startGateway(0);
    profile = Files.createTempDirectory("steward-console-profile");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    browser = new ChromeDriver(new ChromeOptions()
        .setBinary(CHROMIUM.toString())
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--disable-component-update", "--disable-sync", "--window-size=1400,1100",
            "--user-data-dir=" + profile));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    deleteQuietly(profile);
  }

  @Test
  void aPersonSendsApprovesAnswersAndReadsTheReplyAndAnotherTenantSeesNothing() throws Exception {
    String base = "http://127.0.0.1:" + gateway.port();
    startAgentAsTeamA(base);
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    // 1. The list, with team A's key.
    browser.get(base + "/console");
    useKey("key-a");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-agent='console-agent'] a"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agent-header"), "console-agent"));

    // 2. Bad input: an empty message gets the gateway's own error text.
    browser.findElement(By.id("send")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText()).containsIgnoringCase("text");

    // 3. A message; the tool call waits for approval.
    browser.findElement(By.id("message")).sendKeys("hello from the console");
    browser.findElement(By.id("send")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".pending.approval .approve")));
    assertThat(browser.findElement(By.cssSelector(".pending.approval")).getText()).contains("current_time");
    screenshot("1-approval.png");
    browser.findElement(By.cssSelector(".pending.approval .approve")).click();

    // 4. The agent asks a question; the person answers it.
    WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".pending.question .answer-text")));
    assertThat(browser.findElement(By.cssSelector(".pending.question")).getText()).contains("Which colour do you like?");
    answer.sendKeys("blue");
    screenshot("2-question.png");
    browser.findElement(By.cssSelector(".pending.question .answer")).click();

    // 5. The reply streams in while the turn runs, then stands in the transcript with the tool calls.
    wait.until(d -> {
      String partial = d.findElement(By.id("partial")).getText();
      return !partial.isBlank() && "done, you said blue".startsWith(partial) && !partial.equals("done, you said blue");
    });
    screenshot("3-streaming.png");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "done, you said blue"));
    String transcript = browser.findElement(By.id("transcript")).getText();
    assertThat(transcript).contains("hello from the console", "calls current_time", "calls ask_human");
    assertThat(browser.findElements(By.cssSelector("#transcript .entry[data-kind='user']"))).as("each entry once").hasSize(1);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agent-header"), "idle"));
    screenshot("4-reply.png");

    // 6. Team B: the agent is not listed, and its page shows the gateway's refusal.
    useKey("key-b");
    browser.get(base + "/console/#/");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("agents")));
    assertThat(browser.findElements(By.cssSelector("tr[data-agent='console-agent']"))).isEmpty();
    browser.get(base + "/console/#/agents/console-agent");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText()).contains("console-agent");
    assertThat(browser.findElement(By.id("view")).getText()).doesNotContain("hello from the console");
    screenshot("5-other-tenant.png");
  }

  @Test
  void memorySchedulesAndSubAgentsAreShownAndChangedAndTheWatchResumesAfterTheGatewayRestarts() throws Exception {
    String base = "http://127.0.0.1:" + gateway.port();
    startAgentAsTeamA(base, "console-parent", "specJson", PARENT_SPEC_JSON);
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get(base + "/console/#/");
    useKey("key-a");
    browser.get(base + "/console/#/agents/console-parent");
    By human = By.cssSelector(".memory-block[data-block='human']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(human, "Name: Ada"));
    assertThat(browser.findElement(By.id("usage")).getText()).contains("tokens", "cost", "turns");

    // 1. A memory edit is saved and still there after a reload.
    WebElement text = browser.findElement(human).findElement(By.cssSelector(".memory-text"));
    text.clear();
    text.sendKeys("Name: Ada Lovelace");
    browser.findElement(human).findElement(By.cssSelector(".save-memory")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".memory-block[data-block='human'] .memory-shown"), "Name: Ada Lovelace"));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".memory-block[data-block='human'] .memory-shown"), "Name: Ada Lovelace"));

    // 2. Bad input: a block without a name gets the gateway's error, naming the field.
    browser.findElement(By.id("add-block")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText()).contains("block");

    // 3. The schedule is paused from the page, and stays paused after a reload.
    By nightly = By.cssSelector("tr[data-schedule='nightly']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(nightly, "active"));
    browser.findElement(nightly).findElement(By.cssSelector(".pause")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("tr[data-schedule='nightly'] .schedule-state"), "paused"));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("tr[data-schedule='nightly'] .schedule-state"), "paused"));
    screenshot("6-memory-and-schedule.png");

    // 4. The gateway restarts under the page: its Watch reconnects after the last seq it saw.
    wait.until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));
    int port = gateway.port();
    gateway.close();
    gateway = startGateway(port);
    browser.findElement(By.id("message")).sendKeys("ask the helper");
    browser.findElement(By.id("send")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"),
        "the helper said hi from the helper"));
    wait.until(d -> Integer.parseInt(d.findElement(By.id("live")).getAttribute("data-connections")) >= 2);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("activity"), "turn 1 completed"));
    List<String> seqs = browser.findElements(By.cssSelector("#activity .event")).stream()
        .map(e -> e.getAttribute("data-seq")).toList();
    assertThat(seqs).as("each event once, across the reconnect").doesNotHaveDuplicates().isNotEmpty();
    screenshot("7-sub-agent-call.png");

    // 5. The sub-agent's call links to its own page, which links back.
    browser.findElement(By.cssSelector("#transcript a.subagent")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "hi from the helper"));
    String childUrl = browser.getCurrentUrl();
    // The header comes from its own request: the transcript may be drawn first.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agent-header"), "sub-agent of"));
    assertThat(browser.findElement(By.id("agent-header")).getText()).contains("console-parent/helper/", "sub-agent of");
    assertThat(browser.findElement(By.id("transcript")).getText()).contains("say hi");
    screenshot("8-sub-agent-page.png");

    // 6. Team B reaches neither the parent nor the sub-agent.
    useKey("key-b");
    browser.get(childUrl);
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(browser.findElement(By.id("error")).getText()).contains("not found");
    assertThat(browser.findElement(By.id("view")).getText()).doesNotContain("hi from the helper");
  }

  @Test
  void usageAgainstBudgetsAndTheCompactionSummaryAreShown() throws Exception {
    String base = "http://127.0.0.1:" + gateway.port();
    startAgentAsTeamA(base, "console-keeper", "specYaml", KEEPER_SPEC);
    String longMessage = "tell me about the weather in spring and autumn ".repeat(40);
    for (int i = 0; i < 3; i++) {
      post(base + "/v1/agents/console-keeper:ask", new ObjectMapper().createObjectNode().put("timeout", "60s")
          .set("message", new ObjectMapper().createObjectNode().put("text", i + " " + longMessage)).toString());
    }
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get(base + "/console/#/");
    useKey("key-a");
    browser.get(base + "/console/#/agents/console-keeper");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
    assertThat(browser.findElement(By.id("summary")).getText()).contains("summary of earlier turns");
    assertThat(browser.findElements(By.cssSelector("#transcript .entry[data-kind='summary']"))).isNotEmpty();
    String cost = browser.findElement(By.cssSelector("#usage tr[data-usage='cost']")).getText();
    assertThat(cost).contains("$50.0000").doesNotContain("no limit");
    assertThat(browser.findElement(By.cssSelector("#usage tr[data-usage='turns']")).getText()).contains("3", "20");
    assertThat(browser.findElements(By.cssSelector("#usage meter"))).hasSize(3);
    screenshot("9-budgets-and-summary.png");
  }

  private static void post(String url, String body) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Authorization", "Bearer key-a")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private StewardGateway startGateway(int port) {
    return StewardGateway.builder().agentClient(client)
        .settings(GatewaySettings.defaults().withPort(port).withBindHost("127.0.0.1")
            .withApiKeys(Map.of("key-a", "team-a", "key-b", "team-b")))
        .build().start();
  }

  private void useKey(String key) {
    WebElement input = browser.findElement(By.id("api-key"));
    input.clear();
    input.sendKeys(key);
    browser.findElement(By.cssSelector("#key-form button")).click();
  }

  private static void startAgentAsTeamA(String base) throws Exception {
    startAgentAsTeamA(base, "console-agent", "specYaml", SPEC);
  }

  private static void startAgentAsTeamA(String base, String id, String specField, String spec) throws Exception {
    String body = new ObjectMapper().createObjectNode().put("agentId", id).put(specField, spec).toString();
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/agents"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer key-a")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** The whole page, kept as a build artifact. */
  private void screenshot(String name) throws IOException {
    Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new Dimension(1400, Math.min(5000, Math.max(1100, ((Number) height).intValue()))));
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temp directory.
    }
  }
}
