package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.UserMessage;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Temporal Web UI tells an agent's story: on a real server, a waiting agent's page shows its
 * summary, its model call, the named timer of its approval wait and current details saying what it
 * waits for; the workflow list filters by Steward's search attributes. Drives Debian's chromium.
 *
 * <p>Needs a real server with Steward's search attributes and its Web UI, e.g. {@code temporal
 * server start-dev --search-attribute StewardAgentName=Keyword ...}, named by
 * {@code STEWARD_IT_TEMPORAL_ADDRESS} and {@code STEWARD_IT_TEMPORAL_UI}; and {@code apt-get
 * install chromium chromium-driver}. Leaves a screenshot in {@code target/webui/}.
 */
@RealTemporal.Required
@EnabledIfEnvironmentVariable(named = RealTemporal.UI_VARIABLE, matches = ".+",
    disabledReason = "needs the server's Web UI: set STEWARD_IT_TEMPORAL_UI (e.g. http://localhost:8233)")
class WebUiE2ETest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path AGENT_FILE = Path.of("../examples/agents/research-assistant.yaml");
  private static final Duration UI_WAIT = Duration.ofSeconds(60);

  @BeforeAll
  static void browserInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
  }

  @Test
  void anAgentWaitingForApprovalReadsLikeAStory() throws Exception {
    String address = RealTemporal.address();
    String ui = RealTemporal.ui();
    String queue = "steward-webui-" + UUID.randomUUID();
    String id = "webui-" + UUID.randomUUID().toString().substring(0, 8);
    SearchAttributes.register(address, "default");
    try (StewardWorker worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(address)
            .withTaskQueue(queue)).start();
        AgentClient client = AgentClient.connect(new ClientSettings(address, "default", queue))) {
      client.start(id, AGENT_FILE);
      try {
        client.send(id, UserMessage.of("What is durable execution?"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !client.snapshot(id).pendingApprovals().isEmpty());
        PendingApproval waiting = client.snapshot(id).pendingApprovals().get(0);
        assertThat(waiting.tool()).isEqualTo("http_get");

        Path profile = Files.createTempDirectory("steward-webui-chromium");
        ChromeDriver browser = browser(profile);
        try {
          browser.get(ui + "/namespaces/default/workflows/" + id);
          // The timeline names every activity and timer by its summary; current_time, a local activity,
          // shows as a marker named by its type (its summary is on the marker's event).
          seeAll(browser, UI_WAIT, "model scripted · turn 1", "\nTool\n", "sleep 2s · turn 1",
              "approval deadline · approval of http_get " + waiting.callId() + " · turn 1");
          screenshot(browser, Path.of("target/webui/agent-timeline.png"));

          // The User Metadata tab renders summary, details and current details as Markdown, each in its own frame.
          browser.findElement(By.cssSelector("[data-testid='user-metadata-tab']")).click();
          seeInFrame(browser, "user-metadata-summary", "agent research-assistant · scripted");
          seeInFrame(browser, "user-metadata-details", "approval http_get (answer within 600 s)");
          seeInFrame(browser, "user-metadata-current-details",
              "turn 1 · waiting for approval of http_get (call " + waiting.callId() + ")");
          seeInFrame(browser, "user-metadata-current-details", "last message (turn 1, user): What is durable execution?");
          screenshot(browser, Path.of("target/webui/agent-waiting-for-approval.png"));

          // The list filters by Steward's search attributes: the agent's row links to its page (visibility
          // may lag a moment behind the workflow, so the list is reloaded until the row is there).
          String query = "StewardAgentName=\"research-assistant\" AND StewardStatus=\"WAITING_FOR_APPROVAL\""
              + " AND StewardTenant=\"default\"";
          String list = ui + "/namespaces/default/workflows?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
          By row = By.cssSelector("a[href*='/workflows/" + id + "/']");
          await().atMost(UI_WAIT).ignoreExceptions().untilAsserted(() -> {
            browser.get(list);
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(row));
          });
          screenshot(browser, Path.of("target/webui/agent-in-workflow-list.png"));
        } finally {
          browser.quit();
          deleteQuietly(profile);
        }
        client.decide(id, new Decision(waiting.callId(), false, "checked in the browser test", "webui-test"));
        await().atMost(Duration.ofSeconds(60)).until(() -> client.snapshot(id).turn() == 1
            && client.snapshot(id).pendingApprovals().isEmpty() && client.snapshot(id).status().name().equals("IDLE"));
      } finally {
        client.stop(id, "browser test done");
        client.awaitResult(id, Duration.ofSeconds(60));
      }
    }
  }

  /** Debian's chromium through Debian's chromedriver: Selenium Manager never downloads a browser. */
  private static ChromeDriver browser(Path profile) {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toString())
        .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--disable-component-update", "--disable-sync", "--window-size=1600,1300",
            "--user-data-dir=" + profile);
    return new ChromeDriver(options);
  }

  /** A fresh profile per run, removed afterwards; what cannot be removed is left for the OS to clean. */
  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temp directory.
    }
  }

  /** Waits until the page (a single-page app that renders as data arrives) shows every text. */
  private static void seeAll(ChromeDriver browser, Duration within, String... texts) {
    try {
      new WebDriverWait(browser, within).until(b -> {
        String page = browser.findElement(By.tagName("body")).getText();
        for (String t : texts) {
          if (!page.contains(t)) {
            return false;
          }
        }
        return true;
      });
    } catch (RuntimeException e) {
      String page = browser.findElement(By.tagName("body")).getText();
      throw new AssertionError("the Web UI at " + browser.getCurrentUrl() + " does not show all of "
          + String.join(" | ", texts) + "; it shows:\n" + page, e);
    }
  }

  /** Waits until the Markdown frame with this id shows the text (the frame reloads as the UI's data arrives). */
  private static void seeInFrame(ChromeDriver browser, String frameId, String text) {
    String[] last = {""};
    try {
      new WebDriverWait(browser, UI_WAIT).until(b -> {
        try {
          browser.switchTo().frame(browser.findElement(By.id(frameId)));
          last[0] = browser.findElement(By.tagName("body")).getText();
          return last[0].contains(text);
        } catch (WebDriverException e) {
          return false; // not there yet, or replaced while read
        } finally {
          browser.switchTo().defaultContent();
        }
      });
    } catch (TimeoutException e) {
      throw new AssertionError("the Web UI's frame " + frameId + " at " + browser.getCurrentUrl() + " does not show '"
          + text + "'; it shows:\n" + last[0], e);
    }
  }

  /** The whole page, not just the window: the window is made as tall as the document first. */
  private static void screenshot(ChromeDriver browser, Path file) throws Exception {
    Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new Dimension(1600, Math.min(6000, Math.max(1300, ((Number) height).intValue()))));
    Files.createDirectories(file.getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }
}
