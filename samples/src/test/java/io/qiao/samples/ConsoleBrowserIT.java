package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qiao.console.ConsoleServer;
import io.qiao.console.RunHistory;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them), after a demo run:
 * the overview, the dead letters with their reasons, a replay of the KIS one from the page, the API-usage chart.
 * A screenshot of each page is kept in target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String TOKEN = "browser-test-token-7c1e";
    static final Path SHOTS = Path.of("target", "console-screenshots");

    @TempDir
    static Path state; // a static @TempDir is there before @BeforeAll
    Workspace ws;
    ConsoleServer server;
    WebDriver browser;
    String base;

    @BeforeAll
    void demoThenConsoleThenBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "ConsoleBrowserIT needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " apt-get install -y chromium chromium-driver (.ci/run does)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Qiao.run(new String[] {"demo", "--state-dir", state.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                Map.of(), false, Clock.systemUTC());
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();

        // The demo fixed KIS and replayed in its own process; this one starts the simulators anew, without the
        // material: reading the 聚水潭 documents again (from scratch) opens the KIS dead letter again, and the demo's
        // fix is then applied so that the page's replay can resolve it.
        ws = TestSupport.simulated(state);
        ws.job(JushuitanOtherInOutToKis.NAME, new InMemoryCheckpointStore()).runOnce();
        assertThat(open(JushuitanOtherInOutToKis.NAME)).hasSize(1);
        ws.simulators().addWithheldMaterial();
        ws.kis().materials().catalogByNumber().refresh();

        server = ConsoleServer.start(new ConsoleCommand(ws).console(TOKEN), 0);
        base = server.uri() + "?lang=en";
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (ws != null) {
            ws.close();
        }
    }

    @Test
    @Order(1)
    void overview_showsTheThreePipelinesWithTheirCounts() throws Exception {
        page("overview");
        List<WebElement> rows = browser.findElements(By.cssSelector("#pipelines tr[data-pipeline]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-pipeline")).containsExactlyElementsOf(Workspace.PIPELINES);
        List<RunHistory.Run> runs = RunHistory.in(ConsoleCommand.runsFile(state)).read(Instant.now().minus(Duration.ofDays(1)));
        for (WebElement row : rows) {
            String p = row.getAttribute("data-pipeline");
            long written = runs.stream().filter(r -> r.job().equals(p)).mapToLong(RunHistory.Run::written).sum();
            long dead = runs.stream().filter(r -> r.job().equals(p)).mapToLong(RunHistory.Run::deadLettered).sum();
            assertThat(written).as(p).isPositive();
            assertThat(row.findElement(By.cssSelector(".written24h")).getText()).as(p).isEqualTo(Long.toString(written));
            assertThat(row.findElement(By.cssSelector(".deadLettered24h")).getText()).as(p).isEqualTo(Long.toString(dead));
            assertThat(row.findElement(By.cssSelector(".open")).getText()).as(p)
                    .isEqualTo(Integer.toString(open(p).size()));
            assertThat(row.findElement(By.cssSelector(".status")).getText()).as(p).isIn("SUCCEEDED", "PARTIAL");
        }
        shot("overview");
    }

    @Test
    @Order(2)
    void deadLetters_listsTheDemosFourWithTheirReasons() throws Exception {
        page("dead-letters");
        List<WebElement> rows = browser.findElements(By.cssSelector("#entries tr.dl"));
        List<DeadLetter> expected = new ArrayList<>();
        Workspace.PIPELINES.forEach(p -> expected.addAll(open(p)));
        assertThat(expected).hasSize(4);
        assertThat(rows).hasSize(4);
        for (DeadLetter d : expected) {
            WebElement row = browser.findElement(By.cssSelector("#entries tr.dl[data-id='" + d.id() + "'][data-pipeline='"
                    + d.job() + "']"));
            assertThat(row.findElement(By.cssSelector(".key")).getText()).isEqualTo(d.key());
            assertThat(row.findElement(By.cssSelector(".reasons")).getText()).isEqualTo(String.join("\n", d.reasons()));
        }
        assertThat(browser.findElements(By.cssSelector("#reasons tr.reason-group"))).isNotEmpty();
        shot("dead-letters");
    }

    @Test
    @Order(3)
    void replayingTheKisDeadLetterFromThePage_resolvesIt() throws Exception {
        page("dead-letters");
        WebElement token = browser.findElement(By.id("token"));
        token.clear();
        token.sendKeys(TOKEN + "\t");
        WebElement kisRow = browser.findElement(By.cssSelector("#entries tr.dl[data-pipeline='"
                + JushuitanOtherInOutToKis.NAME + "']"));
        kisRow.findElement(By.cssSelector("button.replay")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> b.findElement(By.id("result")).getText()
                .contains("replayed"));
        assertThat(browser.findElement(By.id("result")).getText()).contains("replayed 1: 1 resolved, 0 failed again");
        assertThat(open(JushuitanOtherInOutToKis.NAME)).isEmpty();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElements(By.cssSelector("#entries tr.dl")).size() == 3);
        shot("dead-letters-after-replay");
    }

    @Test
    @Order(4)
    void withoutTheToken_thePageCannotReplay() throws Exception {
        page("dead-letters");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch('api/pipelines/db-documents-to-archive/replay', {method: 'POST', headers: "
                        + "{'Content-Type': 'application/json'}, body: '{}'}).then(function (r) { done(r.status); });");
        assertThat(((Number) status).intValue()).isEqualTo(401);
        assertThat(open(DbDocumentsToArchive.NAME)).hasSize(3);
    }

    @Test
    @Order(5)
    void apiUsageChart_rendersWithDataPoints() throws Exception {
        page("api");
        assertThat(browser.findElements(By.cssSelector("#operations tr[data-operation]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#api-chart canvas"))).isNotEmpty();
        Object points = ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('api-chart')).getOption().series"
                        + ".reduce(function (a, s) { return a + s.data.length; }, 0);");
        assertThat(((Number) points).intValue()).isPositive();
        // the demo's Jushuitan client keeps to the simulator's pacing: its limit is a line against its pace
        assertThat(browser.findElements(By.cssSelector("#pace-chart canvas"))).isNotEmpty();
        Object limit = ((JavascriptExecutor) browser).executeScript(
                "var s = echarts.getInstanceByDom(document.getElementById('pace-chart')).getOption().series"
                        + ".filter(function (x) { return x.name === 'jushuitan'; })[0];"
                        + "return s && s.data.length > 0 && s.markLine ? s.markLine.data[0].yAxis : null;");
        assertThat(limit).isNotNull();
        assertThat(((Number) limit).doubleValue()).isEqualTo(
                Math.round((Simulators.SIM_PER_MINUTE - 2) / 60.0 * 1000) / 1000.0);
        shot("api-usage");
    }

    @Test
    @Order(6)
    void pipelineAndErrorsPages_render() throws Exception {
        page("pipeline/" + JushuitanOtherInOutToKis.NAME);
        assertThat(browser.findElement(By.id("checkpoint")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#runs-chart canvas"))).isNotEmpty();
        shot("pipeline");
        page("errors");
        assertThat(browser.findElements(By.id("error-groups"))).hasSize(1);
        shot("errors");
    }

    @Test
    @Order(7)
    void reconcilePage_comparesThePeriodAndListsDifferences() throws Exception {
        page("reconcile");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reconcile-pipeline")))
                .selectByVisibleText(JackyunWarehousesToMysql.NAME);
        WebElement from = browser.findElement(By.id("reconcile-from"));
        from.clear();
        from.sendKeys(ws.simulators().dataStartInstant().minus(Duration.ofDays(1)).toString());
        WebElement to = browser.findElement(By.id("reconcile-to"));
        to.clear();
        to.sendKeys(Instant.now().plusSeconds(60).toString());
        WebElement token = browser.findElement(By.id("token"));
        token.clear();
        token.sendKeys(TOKEN + "\t");
        browser.findElement(By.id("reconcile-run")).click();
        WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(b -> b.findElement(By.id("reconcile-summary")));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(JackyunWarehousesToMysql.NAME)
                + ": (\\d+) compared, (\\d+) match").matcher(summary.getText());
        assertThat(m.find()).as(summary.getText()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isPositive();
        shot("reconcile");
    }

    @Test
    @Order(8)
    void chineseBrowser_getsChineseLabels() throws Exception {
        browser.get(server.uri() + "?lang=zh-CN#overview");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "overview".equals(
                b.findElement(By.tagName("body")).getAttribute("data-rendered")));
        assertThat(browser.findElement(By.cssSelector("nav a[href='#overview']")).getText()).isEqualTo("总览");
        assertThat(browser.findElement(By.cssSelector("#pipelines th")).getText()).isEqualTo("同步任务");
        shot("overview-zh");
    }

    private void page(String hash) {
        browser.get("about:blank");
        browser.get(base + "#" + hash);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> hash.equals(
                b.findElement(By.tagName("body")).getAttribute("data-rendered")));
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private List<DeadLetter> open(String pipeline) {
        return ws.deadLetters(pipeline).list(pipeline, false, Integer.MAX_VALUE);
    }
}
