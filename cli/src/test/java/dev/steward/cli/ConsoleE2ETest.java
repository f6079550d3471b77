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
 * call, answers a question and sees the final reply; bad input shows the gateway's error text; with
 * another tenant's key the agent is neither listed nor readable. Screenshots in target/console-screenshots.
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
    gateway = StewardGateway.builder().agentClient(client)
        .settings(GatewaySettings.defaults().withPort(0).withBindHost("127.0.0.1")
            .withApiKeys(Map.of("key-a", "team-a", "key-b", "team-b")))
        .build().start();
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

  private void useKey(String key) {
    WebElement input = browser.findElement(By.id("api-key"));
    input.clear();
    input.sendKeys(key);
    browser.findElement(By.cssSelector("#key-form button")).click();
  }

  private static void startAgentAsTeamA(String base) throws Exception {
    String body = new ObjectMapper().createObjectNode().put("agentId", "console-agent").put("specYaml", SPEC).toString();
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
