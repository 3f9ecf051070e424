package org.rlhf4j.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rlhf4j.server.Fixtures;
import org.rlhf4j.server.TestServer;
import org.rlhf4j.server.WebClient;

/**
 * A real headless Chromium (Debian's chromium and chromedriver, nothing downloaded) logs in and
 * annotates every task kind by keyboard alone (and one item by mouse); the answers are then read
 * from the database. Data holding {@code <script>} and {@code <img onerror>} must show as text
 * and run nothing. Screenshots go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserAnnotationTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String XSS_PROMPT = "<script>window.pwned = 1</script>Where is order 7?";
    static final String XSS_RESPONSE = "<img src=x onerror=\"window.pwned = 2\">It ships today.";

    @TempDir
    static Path tmp;
    static TestServer t;
    static WebDriver browser;
    static WebDriverWait wait;
    static long comparison, rating, ranking, critique;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium not installed: apt-get install chromium chromium-driver (the browser test needs /usr/bin/chromium and /usr/bin/chromedriver)");
        t = TestServer.sqlite(tmp);
        t.annotator("ann");
        WebClient admin = t.login(TestServer.ADMIN);
        comparison = Fixtures.project(admin, "compare", "comparison", 1, "");
        Fixtures.importItems(admin, comparison, "{\"id\": \"xss\", \"prompt\": " + json(XSS_PROMPT) + ", \"responses\": [" + json(XSS_RESPONSE) + ", \"Order 7 left today.\"]}\n" + Fixtures.comparisons(4));
        rating = Fixtures.project(admin, "rate", "rating", 1, "helpfulness,politeness");
        Fixtures.importItems(admin, rating, "{\"prompt\": \"Cancel my order\", \"responses\": [\"Done, order 12 is cancelled.\"]}\n{\"prompt\": \"Refund?\", \"responses\": [\"No.\"]}\n");
        ranking = Fixtures.project(admin, "rank", "ranking", 1, "");
        Fixtures.importItems(admin, ranking, "{\"prompt\": \"Shipping time?\", \"responses\": [\"2 days\", \"Shipping takes 2-3 working days.\", \"idk\"]}\n");
        critique = Fixtures.project(admin, "critique", "critique", 1, "");
        Fixtures.importItems(admin, critique, "{\"prompt\": \"Reset password\", \"responses\": [\"Just make a new account.\"]}\n");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (t != null) t.close();
    }

    static String json(String s) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
    }

    static void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until the progress line reports {@code n} answers of this annotator. */
    static void answered(int n) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress"), "Your answers: " + n + " "));
    }

    static void open(long project) {
        browser.get(t.base + "/projects/" + project + "/annotate");
        wait.until(d -> !d.findElement(By.id("progress")).getText().isEmpty());
    }

    static List<String> answersInDatabase(long project) {
        return t.server.database().transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT a.answer, a.skip_reason FROM answers a JOIN users u ON u.id = a.user_id WHERE a.project_id = ? AND u.username = 'ann' ORDER BY a.id")) {
                s.setLong(1, project);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(r.getString(1) != null ? r.getString(1) : "skip: " + r.getString(2));
                }
            }
            return out;
        });
    }

    @Test
    @Order(1)
    void annotatesEveryTaskKindByKeyboardAndTheAnswersLandInTheDatabase() throws Exception {
        browser.get(t.base + "/login");
        screenshot("login");
        browser.findElement(By.id("username")).sendKeys("ann");
        browser.findElement(By.id("password")).sendKeys(TestServer.PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/projects"));
        screenshot("projects");

        open(comparison);
        assertThat(browser.findElement(By.id("prompt")).getText()).contains(XSS_PROMPT);
        assertThat(browser.findElement(By.id("response-1")).getText()).contains(XSS_RESPONSE);
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.pwned")).as("data ran as script").isEqualTo("undefined");
        assertThat(browser.findElements(By.cssSelector("#responses img, #prompt script"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".guidelines")).getText()).contains("<script>alert(1)</script>");
        screenshot("comparison");
        keys("1");
        answered(1);
        keys("z", "2");
        answered(2);
        keys("t");
        answered(3);
        keys("u");
        answered(2);
        keys("b");
        answered(3);
        keys("s");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("skip-reason")));
        keys("off topic", Keys.ENTER);
        answered(4);
        browser.findElement(By.cssSelector("button[data-key='2']")).click();
        answered(5);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Nothing left"));
        assertThat(answersInDatabase(comparison)).containsExactly("{\"choice\":\"a\"}", "{\"choice\":\"b\",\"strength\":1}", "{\"choice\":\"both_bad\"}", "skip: off topic", "{\"choice\":\"b\"}");

        open(rating);
        screenshot("rating");
        keys(Keys.TAB);
        browser.findElement(By.id("criterion-helpfulness")).sendKeys("5");
        browser.findElement(By.id("criterion-helpfulness")).sendKeys(Keys.ESCAPE);
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur()");
        keys("4");
        answered(1);
        keys("2");
        answered(2);
        assertThat(answersInDatabase(rating)).containsExactly("{\"stars\":4,\"criteria\":{\"helpfulness\":5}}", "{\"stars\":2}");

        open(ranking);
        screenshot("ranking");
        keys("2", "1", "3");
        answered(1);
        assertThat(answersInDatabase(ranking)).containsExactly("{\"ranks\":[2,1,3]}");

        open(critique);
        keys("c");
        wait.until(d -> "critique".equals(d.switchTo().activeElement().getAttribute("id")));
        keys("Tells the customer to start over instead of resetting.");
        browser.findElement(By.id("corrected")).sendKeys("Use 'Forgot password' on the login page.");
        screenshot("critique");
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        answered(1);
        assertThat(answersInDatabase(critique)).containsExactly("{\"critique\":\"Tells the customer to start over instead of resetting.\",\"corrected\":\"Use 'Forgot password' on the login page.\"}");
    }

    @Test
    @Order(2)
    void annotatesEveryTaskKindByMouseAlone() {
        WebClient admin = t.login(TestServer.ADMIN);
        long c = Fixtures.project(admin, "mouse compare", "comparison", 1, "");
        Fixtures.importItems(admin, c, Fixtures.comparisons(1));
        long r = Fixtures.project(admin, "mouse rate", "rating", 1, "");
        Fixtures.importItems(admin, r, "{\"prompt\": \"Hi\", \"responses\": [\"Hello! How can I help?\"]}\n");
        long k = Fixtures.project(admin, "mouse rank", "ranking", 1, "");
        Fixtures.importItems(admin, k, "{\"prompt\": \"Hi\", \"responses\": [\"a\", \"b\", \"c\"]}\n");
        long q = Fixtures.project(admin, "mouse critique", "critique", 1, "");
        Fixtures.importItems(admin, q, "{\"prompt\": \"Hi\", \"responses\": [\"Go away.\"]}\n");

        open(c);
        browser.findElement(By.cssSelector("button[data-key='x']")).click();
        browser.findElement(By.cssSelector("button[data-key='1']")).click();
        answered(1);
        open(r);
        browser.findElement(By.cssSelector("button[data-key='3']")).click();
        answered(1);
        open(k);
        browser.findElement(By.id("response-3")).click();
        browser.findElement(By.id("response-1")).click();
        browser.findElement(By.cssSelector("button[data-key='Enter']")).click();
        answered(1);
        open(q);
        browser.findElement(By.id("critique")).click();
        browser.findElement(By.id("critique")).sendKeys("Rude.");
        browser.findElement(By.cssSelector("button[data-key='Ctrl+Enter']")).click();
        answered(1);
        assertThat(answersInDatabase(c)).containsExactly("{\"choice\":\"a\",\"strength\":2}");
        assertThat(answersInDatabase(r)).containsExactly("{\"stars\":3}");
        assertThat(answersInDatabase(k)).containsExactly("{\"ranks\":[2,3,1]}");
        assertThat(answersInDatabase(q)).containsExactly("{\"critique\":\"Rude.\"}");
    }

    @Test
    @Order(3)
    void theAdminDashboardShowsInTheBrowser() throws Exception {
        WebDriver admin = browser;
        admin.manage().deleteAllCookies();
        admin.get(t.base + "/login");
        admin.findElement(By.id("username")).sendKeys(TestServer.ADMIN);
        admin.findElement(By.id("password")).sendKeys(TestServer.PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/admin"));
        screenshot("admin");
        admin.get(t.base + "/admin/projects/" + comparison);
        assertThat(admin.findElement(By.id("totals")).getText()).contains("items 5").contains("answers 4").contains("skips 1");
        assertThat(admin.findElement(By.id("annotators")).getText()).contains("ann 4 1");
        screenshot("dashboard");
        admin.manage().deleteAllCookies();
    }

    /**
     * A real preference-learning run on CartPole (2 labels: one before training, one after its
     * round) asks through the web teacher; the browser answers each clip pair by keyboard as it
     * appears, and the run's own record of answers holds exactly those labels.
     */
    @Test
    @Order(4)
    void aTrainingRunsClipPairsAreAnsweredByKeyboardAndTheTrainingGetsTheLabels() throws Exception {
        var queries = new org.rlhf4j.server.clips.ClipQueries(t.server.database(), System::currentTimeMillis);
        org.rlhf4j.server.project.Project clips = queries.project("CartPole-v1 clips", "CartPole-v1");
        java.io.ByteArrayOutputStream terminal = new java.io.ByteArrayOutputStream();
        var teacher = new org.rlhf4j.server.clips.WebTeacher(queries, clips, "CartPole-v1", t.base + "/projects/" + clips.id() + "/annotate",
                new java.io.PrintStream(terminal, true, java.nio.charset.StandardCharsets.UTF_8), 0, System::currentTimeMillis, Thread::sleep, "browser");
        var ppo = org.rlhf4j.control.ppo.PpoTrainer.create(org.rlhf4j.control.ppo.PpoConfig.zooCartPole().withSeed(3), "CartPole-v1");
        var learning = new org.rlhf4j.control.preference.PreferenceLearning(ppo,
                org.rlhf4j.control.preference.PreferenceConfig.defaults().withTotalComparisons(2).withRounds(1).withEpochs(1).withSeed(3), teacher);
        List<Double> received = java.util.Collections.synchronizedList(new ArrayList<>());
        learning.addListener(new org.rlhf4j.control.preference.PreferenceLearning.Listener() {
            @Override
            public void onRound(org.rlhf4j.control.preference.PreferenceLearning.Round round) {
            }

            @Override
            public void onAnswer(org.rlhf4j.control.preference.Comparison c) {
                received.add(c.preferenceForA());
            }
        });
        var training = java.util.concurrent.CompletableFuture.supplyAsync(() -> learning.learn(2_048));

        browser.get(t.base + "/login");
        browser.findElement(By.id("username")).sendKeys("ann");
        browser.findElement(By.id("password")).sendKeys(TestServer.PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/projects"));
        browser.get(t.base + "/projects/" + clips.id() + "/annotate");
        WebDriverWait slow = new WebDriverWait(browser, Duration.ofSeconds(120));
        slow.until(ExpectedConditions.visibilityOfElementLocated(By.id("clip-2")));
        assertThat(browser.findElement(By.id("prompt")).getText()).contains("CartPole-v1, query 1: which clip is better?");
        wait.until(ExpectedConditions.textMatches(By.id("caption-1"), java.util.regex.Pattern.compile("step ([4-9]|1[0-9]|2[0-5]) of 25")));
        assertThat(browser.findElement(By.id("caption-2")).getText()).contains("of 25").contains("pole");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('item').scrollIntoView()");
        screenshot("clips");
        keys("a");
        slow.until(ExpectedConditions.textToBePresentInElementLocated(By.id("prompt"), "query 2"));
        keys("2");
        var result = training.get(300, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received).as("the labels the training received").containsExactly(1.0, 0.0);
        assertThat(result.labelsAsked()).isEqualTo(2);
        assertThat(result.labelsAnswered()).isEqualTo(2);
        assertThat(answersInDatabase(clips.id())).containsExactly("{\"choice\":\"a\"}", "{\"choice\":\"b\"}");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "No query waiting"));
        assertThat(terminal.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("query 1: ann says A (left) is better").contains("query 2: ann says B (right) is better");
    }
}
