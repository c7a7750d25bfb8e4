package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.answer.CitationChecker;
import dev.footnote.answer.ExtractiveAnswerer;
import dev.footnote.ask.AskService;
import dev.footnote.ask.Limits;
import dev.footnote.conversation.Conversations;
import dev.footnote.model.LanguageModels;
import dev.footnote.model.ModelSettings;
import dev.footnote.model.ModelStandIn;
import dev.footnote.model.Prompts;
import dev.footnote.model.Provider;
import dev.footnote.retrieve.Retriever;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real headless Chromium, against the real server over a real index of a copy of
 * {@code articles/}. Failures come from real servers too: a small Javalin app that serves the same page and
 * answers 429 or 413, a Footnote server that is stopped, and a language-model stand-in that speaks the OpenAI
 * protocol for unsupported sentences and a slow stream to stop.
 *
 * <p>Screenshots go to {@code target/screenshots}; {@code -Dfootnote.screenshots=docs/screenshots} writes the ones
 * the README shows.
 */
@Tag("browser") // needs Chromium: -Dfootnote.excludedGroups=browser leaves it out, -Dgroups=browser runs it alone
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageTest {

    private static final String RAFAH_FILE = "003_f221ba18038d1787.txt";
    private static final String RAFAH = "How many Palestinians have sought refuge in Rafah?";
    private static final String RAFAH_TITLE = "Hamas Delegation in Cairo for Ceasefire Talks: Positive Spirit to Reach A Deal";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Footnote footnote;
    private FootnoteServer server;
    private String base;
    private List<String> rafahLines;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path screenshots;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        Path articles = temp.resolve("articles");
        SampleArticles.copyTo(articles);
        rafahLines = Files.readAllLines(articles.resolve(RAFAH_FILE));
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")), line -> {});
        footnote.sync();
        server = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        screenshots = Path.of(System.getProperty("footnote.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);

        String chromium = System.getProperty("footnote.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("footnote.chromedriver", "/usr/bin/chromedriver");
        assertThat(Path.of(chromium)).as("Chromium (apt-get install chromium chromium-driver)").isExecutable();
        assertThat(Path.of(chromedriver)).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + temp.resolve("chromium-profile").toAbsolutePath(), "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (footnote != null) {
            footnote.close();
        }
    }

    /** Every test starts on a fresh page with nothing remembered, at desktop size. */
    @BeforeEach
    void freshPage() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        viewport(1280, 800, false);
        open(base);
    }

    // ---------------------------------------------------------------- the page answering

    @Test
    void anAnswerShowsItsSourcesAndAMarkerOpensTheArticleAtTheCitedLine() throws IOException {
        WebElement reply = ask(RAFAH);
        assertThat(reply.getAttribute("class")).doesNotContain("refusal").doesNotContain("error");
        assertThat(reply.findElement(By.cssSelector(".answer")).getText()).contains("Around 1.5 million Palestinians");
        WebElement source = reply.findElement(By.cssSelector(".sources li"));
        // A card: the article's title and file:line; its excerpt is left out, since the answer says it word for word.
        assertThat(source.getText()).contains(RAFAH_FILE + ":21").contains(RAFAH_TITLE);
        assertThat(reply.findElement(By.cssSelector(".sources-head")).getText()).isEqualToIgnoringCase("Sources");
        // Which model answered and how long it took, discreetly.
        assertThat(reply.findElement(By.cssSelector(".meta .model")).getText()).matches("extractive · \\d+ (ms|s)");
        // The question box is empty again, enabled, and has the focus for the next question.
        WebElement input = browser.findElement(By.id("question"));
        assertThat(input.getAttribute("value")).isEmpty();
        assertThat(input.isEnabled()).isTrue();
        assertThat(hasFocus(input)).as("the question box has the focus").isTrue();
        // Screen readers hear the finished answer.
        assertThat(browser.findElement(By.id("announce")).getAttribute("textContent"))
                .startsWith("Answer: Around 1.5 million");

        WebElement marker = reply.findElement(By.cssSelector(".answer a.marker"));
        assertThat(marker.getText()).isEqualTo("[1]");
        marker.click();
        WebElement cited = wait
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
        assertThat(cited.getAttribute("value")).isEqualTo("21");
        assertThat(cited.getText()).isEqualTo(rafahLines.get(20));
        assertThat(browser.findElements(By.cssSelector("#article-lines li.cited"))).hasSize(1);
        // Neighbouring lines give context, numbered as in the file.
        List<WebElement> lines = browser.findElements(By.cssSelector("#article-lines li"));
        assertThat(lines.size()).isGreaterThan(5);
        assertThat(lines.getFirst().getAttribute("value")).isEqualTo("1");
        assertThat(browser.findElement(By.id("article-name")).getText()).isEqualTo(RAFAH_FILE + " · line 21");
        // The cited line is scrolled into the panel's view.
        assertThat(inView(cited, browser.findElement(By.id("article")))).isTrue();
        // Escape closes the article and gives the focus back to the marker.
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));
        assertThat(hasFocus(marker)).as("the marker has the focus again").isTrue();

        // A source opens the article too.
        reply.findElement(By.cssSelector(".sources a.source")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
    }

    @Test
    void aFollowUpContinuesTheConversationWhichSurvivesAReloadUntilANewOneStarts() {
        ask("Who did Ismail Haniyeh meet in Turkey?");
        WebElement followUp = ask("What is his role in Hamas?");
        // The server read the follow-up in the light of the first question: the page sent the conversation.
        assertThat(followUp.findElement(By.cssSelector(".searched-query")).getText())
                .contains("What is Ismail Haniyeh's role in Hamas?");
        assertThat(followUp.findElements(By.cssSelector(".sources li"))).isNotEmpty();
        String followUpAnswer = followUp.findElement(By.cssSelector(".answer")).getText();

        browser.navigate().refresh();
        wait.until(d -> d.findElements(By.cssSelector(".turn")).size() == 2);
        List<WebElement> turns = browser.findElements(By.cssSelector(".turn"));
        assertThat(turns.get(0).findElement(By.cssSelector(".question")).getText())
                .isEqualTo("Who did Ismail Haniyeh meet in Turkey?");
        assertThat(turns.get(1).findElement(By.cssSelector(".answer")).getText())
                .isEqualTo(followUpAnswer);
        // After the reload, a follow-up is still part of the same conversation.
        WebElement again = ask("Where did he travel to?");
        assertThat(again.findElement(By.cssSelector(".searched-query")).getText()).contains("Ismail Haniyeh");

        browser.findElement(By.id("new-conversation")).click();
        assertThat(browser.findElements(By.cssSelector(".turn"))).isEmpty();
        assertThat(browser.executeScript("return localStorage.getItem('footnote.conversation')")).isNull();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(browser.findElements(By.cssSelector(".turn"))).isEmpty();
        // A pronoun in the new conversation has nothing to refer to.
        WebElement fresh = ask("What is his role in Hamas?");
        assertThat(fresh.findElements(By.cssSelector(".searched"))).isEmpty();
    }

    @Test
    void anUnanswerableQuestionLooksLikeARefusalNotAnError() {
        WebElement reply = ask("Who won the 2022 World Cup?");
        assertThat(reply.getAttribute("class")).contains("refusal").doesNotContain("error");
        assertThat(reply.findElement(By.cssSelector(".label")).getText()).isEqualToIgnoringCase("Not in the articles");
        assertThat(reply.findElement(By.cssSelector(".answer")).getText())
                .startsWith("The articles do not answer this question.");
        assertThat(reply.getAttribute("role")).isNull();
    }

    /**
     * A quote that starts or ends with its own quotation mark gets no second one from the page, and an excerpt cut
     * after a sentence's end gets no ellipsis after its full stop.
     */
    @Test
    void quotesAreNotDoubledAndFullStopsGetNoEllipsis() {
        WebElement reply = ask("Was there a breakthrough in the Hamas meetings in Cairo?");
        // The answer is the headline itself, so its card shows no excerpt; one that a card keeps is made as cards do.
        assertThat(reply.findElements(By.cssSelector(".sources q"))).isEmpty();
        browser.executeScript(
                """
                        const card = document.createElement('li');
                        card.append(quoted('\u201cNo breakthroughs\u201d in the meetings, the sources said \u201cso far\u201d'));
                        arguments[0].querySelector('.sources').append(card);""",
                reply);
        List<WebElement> quotes = reply.findElements(By.cssSelector(".sources q"));
        assertThat(quotes).extracting(WebElement::getText).anyMatch(t -> t.startsWith("\u201cNo breakthroughs"));
        for (WebElement q : quotes) {
            String text = q.getText();
            String before = (String) browser.executeScript(
                    "return getComputedStyle(arguments[0], '::before').content", q);
            String after = (String) browser.executeScript(
                    "return getComputedStyle(arguments[0], '::after').content", q);
            if (text.startsWith("\u201c")) {
                assertThat(before).as(text).isNotEqualTo("open-quote");
            }
            if (text.endsWith("\u201d")) {
                assertThat(after).as(text).isNotEqualTo("close-quote");
            }
            assertThat(text).doesNotMatch("(?s).*[.!?][\"\u201d\u2019]*\u2026$");
        }
        // A long quote cut just after a sentence's end.
        String sentence = "The talks went on. ".repeat(20) + "Nothing else came of the developments.";
        String cut = (String) browser.executeScript("return excerpt(arguments[0] + ' More followed.', arguments[1])",
                "Before. ".repeat(10) + sentence, sentence);
        assertThat(cut).endsWith("developments.").startsWith("\u2026");
    }

    @Test
    void enterSendsAndShiftEnterMakesANewLine() {
        WebElement input = browser.findElement(By.id("question"));
        input.sendKeys("Who did Ismail Haniyeh meet");
        input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
        input.sendKeys("in Turkey?");
        assertThat(input.getAttribute("value")).isEqualTo("Who did Ismail Haniyeh meet\nin Turkey?");
        assertThat(browser.findElements(By.cssSelector(".turn"))).isEmpty();
        input.sendKeys(Keys.ENTER);
        WebElement reply = awaitReply(1);
        assertThat(reply.findElement(By.cssSelector(".answer")).getText()).contains("Erdogan");
    }

    @Test
    void copyPutsTheAnswerAndItsSourcesOnTheClipboardAsText() {
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        WebElement reply = ask(RAFAH);
        WebElement copy = reply.findElement(By.cssSelector("button.copy"));
        copy.click();
        wait.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        Object copied = browser.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))");
        assertThat((String) copied)
                .startsWith("Around 1.5 million Palestinians have sought refuge in the city")
                .contains("[1]\n\n[1] " + RAFAH_FILE + ":21  \"" + rafahLines.get(20).strip() + "\"");
    }

    // ---------------------------------------------------------------- failures keep what was typed

    @Test
    void rateLimitedAndTooLongShowAClearMessageAndKeepTheQuestion() {
        Javalin refusing = Javalin.create(cfg -> {
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.startup.showJavalinBanner = false;
            cfg.staticFiles.add("/public", Location.CLASSPATH);
            cfg.routes.get("/api/health", ctx -> ctx.status(429));
            cfg.routes.post("/api/ask", ctx -> {
                boolean tooLong = ctx.body().contains("TOO LONG");
                ctx.status(tooLong ? 413 : 429).contentType("application/json").result(tooLong
                        ? "{\"error\":{\"code\":\"question_too_long\",\"message\":\"question must be at most 2000 characters\"}}"
                        : "{\"error\":{\"code\":\"rate_limited\",\"message\":\"too many requests\"}}");
            });
        }).start();
        try {
            open("http://127.0.0.1:" + refusing.port());
            WebElement reply = askExpectingError(RAFAH);
            assertThat(reply.getText()).contains("Too many questions").contains("ask again");
            assertThat(browser.findElement(By.id("question")).getAttribute("value")).isEqualTo(RAFAH);
            screenshot("error-rate-limited.png");

            WebElement input = browser.findElement(By.id("question"));
            input.clear();
            WebElement tooLong = askExpectingError("TOO LONG question");
            assertThat(tooLong.getText()).contains("The question is too long").contains("at most 2000 characters");
            assertThat(input.getAttribute("value")).isEqualTo("TOO LONG question");
            // Nothing that failed is remembered as part of the conversation.
            assertThat(browser.executeScript("return localStorage.getItem('footnote.conversation')")).isNull();
        } finally {
            refusing.stop();
        }
    }

    @Test
    void aStoppedServerShowsAClearMessageAndKeepsTheQuestion() {
        FootnoteServer doomed = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        open("http://127.0.0.1:" + doomed.port());
        ask("Who did Ismail Haniyeh meet in Turkey?");
        doomed.stop();
        WebElement reply = askExpectingError(RAFAH);
        assertThat(reply.getText()).contains("cannot be reached");
        WebElement input = browser.findElement(By.id("question"));
        assertThat(input.getAttribute("value")).isEqualTo(RAFAH);
        assertThat(input.isEnabled()).isTrue();
        // The earlier answer is still on the page.
        assertThat(browser.findElements(By.cssSelector(".reply .sources li"))).isNotEmpty();
    }

    /**
     * The header's article count follows the server: a poll that fails says so, and the next one that answers
     * puts it back. The page polls every 15 s; {@code ?health-poll-ms=} shortens that for this test.
     */
    @Test
    void theHeaderSaysWhenTheServerIsUnreachableAndRecovers() {
        FootnoteServer doomed = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        int port = doomed.port();
        FootnoteServer revived = null;
        try {
            browser.get("http://127.0.0.1:" + port + "/?health-poll-ms=200");
            WebDriverWait quick = new WebDriverWait(browser, Duration.ofSeconds(5));
            By status = By.id("status");
            quick.until(ExpectedConditions.textToBe(status, "5 articles \u00b7 extractive"));
            doomed.stop();
            quick.until(ExpectedConditions.textToBe(status, "server unreachable"));
            revived = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", port);
            quick.until(ExpectedConditions.textToBe(status, "5 articles \u00b7 extractive"));
        } finally {
            doomed.stop();
            if (revived != null) {
                revived.stop();
            }
        }
    }

    @Test
    void theFaviconLinkResolves() throws Exception {
        String href = (String) browser.executeScript(
                "const l = document.querySelector('link[rel=icon]'); return l ? l.href : null");
        assertThat(href).as("link rel=icon").isNotNull().startsWith(base + "/");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("image/svg+xml");
        assertThat(r.body()).contains("<svg");
    }

    /** WCAG 1.4.11: the question box's border stands out at least 3:1 from the box and the page around it. */
    @Test
    void theQuestionBoxBorderHasEnoughContrastInLightAndDark() {
        for (String scheme : List.of("light", "dark")) {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            Object ratios = browser.executeScript("""
                    const rgb = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
                    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
                        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                        return (x + 0.05) / (y + 0.05); };
                    const box = document.getElementById('question');
                    const border = getComputedStyle(box).borderTopColor;
                    return [ratio(border, getComputedStyle(box).backgroundColor),
                            ratio(border, getComputedStyle(box.form).backgroundColor)];
                    """);
            assertThat((List<?>) ratios).as(scheme).allSatisfy(
                    v -> assertThat(((Number) v).doubleValue()).as(scheme).isGreaterThanOrEqualTo(3.0));
        }
    }

    // ---------------------------------------------------------------- a language model: streaming, unsupported, stop

    /** A server over the same index whose answers the stand-in model writes. */
    private FootnoteServer serverAnsweringWith(ModelStandIn model) throws IOException {
        ModelSettings settings = ModelSettings.resolve(Provider.OPENAI, "stand-in-model", model.baseUrl(), 10, 0, 400,
                false, Path.of("prompts"), name -> null);
        Retriever retriever = new Retriever(footnote.index());
        AskService service = new AskService(retriever, new ExtractiveAnswerer(),
                new CitationChecker(footnote.index()), LanguageModels.create(settings),
                Prompts.load(Path.of("prompts"), CitationChecker.REFUSAL), false, new Conversations(), Limits.DEFAULTS);
        return new FootnoteServer(service, footnote).start("127.0.0.1", 0);
    }

    @Test
    void aLanguageModelsUnsupportedSentenceIsMarkedAndAStreamCanBeStopped() throws Exception {
        try (ModelStandIn model = new ModelStandIn(Provider.OPENAI)) {
            FootnoteServer withModel = serverAnsweringWith(model);
            try {
                open("http://127.0.0.1:" + withModel.port());
                model.script(call -> ModelStandIn.tokens("Around 1.5 million Palestinians have sought refuge in Rafah ["
                        + call.passageWith("1.5 million") + "]. Most of them live in tents [17].", 6,
                        Duration.ofMillis(5)));
                WebElement reply = ask(RAFAH);
                WebElement unsupported = reply.findElement(By.cssSelector(".answer mark.unsupported"));
                assertThat(unsupported.getText()).startsWith("Most of them live in tents");
                assertThat(reply.findElement(By.cssSelector(".answer")).getText()).startsWith("Around 1.5 million");
                assertThat(reply.findElements(By.cssSelector(".answer a.marker"))).hasSize(1);
                assertThat(reply.findElement(By.cssSelector(".note")).getText()).contains("no source in the articles");
                assertThat(reply.findElement(By.cssSelector(".meta .model")).getText())
                        .startsWith("openai:stand-in-model · ");
                screenshot("unsupported.png");

                // A slow reply: Stop ends the stream while the model is still writing.
                // A follow-up, so the model is first asked to make it standalone: it answers with the question as is.
                model.script(call -> call.isRewrite()
                        ? ModelStandIn.text(RAFAH)
                        : ModelStandIn.tokens("Around 1.5 million Palestinians have sought refuge in Rafah ["
                                + call.passageWith("1.5 million") + "]. "
                                + "They came from the north of the Gaza Strip. ".repeat(200),
                                8, Duration.ofMillis(40)));
                WebElement input = browser.findElement(By.id("question"));
                input.sendKeys(RAFAH, Keys.ENTER);
                WebElement stop = wait.until(ExpectedConditions.elementToBeClickable(By.id("stop")));
                assertThat(input.isEnabled()).as("the input is disabled while the answer streams").isFalse();
                assertThat(browser.findElement(By.id("send")).isDisplayed()).isFalse();
                // The model is still writing (45 s of tokens): the reply is pending or already streaming.
                assertThat(last(".reply").getAttribute("class")).containsAnyOf("pending", "streaming");
                assertThat(hasFocus(stop)).as("Stop has the focus while the box is disabled").isTrue();
                stop.sendKeys(Keys.ENTER);
                wait.until(d -> last(".reply").getAttribute("class").contains("stopped"));
                assertThat(last(".reply").getText()).contains("Stopped");
                assertThat(input.isEnabled()).isTrue();
                assertThat(input.getAttribute("value")).isEqualTo(RAFAH);
            } finally {
                withModel.stop();
            }
        }
    }

    @Test
    void aLanguageModelsAnswerThatCitesNothingIsShownAsNotCheckedNotAsARefusal() throws Exception {
        try (ModelStandIn model = new ModelStandIn(Provider.OPENAI)) {
            FootnoteServer withModel = serverAnsweringWith(model);
            try {
                open("http://127.0.0.1:" + withModel.port());
                model.script(call -> ModelStandIn.text("Around 1.5 million Palestinians have sought refuge in Rafah."));
                WebElement reply = ask(RAFAH);
                assertThat(reply.findElement(By.cssSelector(".label")).getText()).isEqualToIgnoringCase("Not checked");
                assertThat(reply.findElement(By.cssSelector(".answer")).getText())
                        .startsWith(CitationChecker.UNCHECKED).doesNotContain(CitationChecker.REFUSAL);
                WebElement said = reply.findElement(By.cssSelector("details.model-said"));
                assertThat(said.findElement(By.cssSelector("summary")).getText()).contains("not checked");
                said.findElement(By.cssSelector("summary")).click();
                assertThat(said.getText()).contains("Around 1.5 million Palestinians have sought refuge in Rafah.");
                assertThat(reply.findElement(By.cssSelector(".sources-head")).getText())
                        .isEqualToIgnoringCase("Closest passages");
                assertThat(reply.findElements(By.cssSelector(".sources li"))).isNotEmpty();
            } finally {
                withModel.stop();
            }
        }
    }

    // ---------------------------------------------------------------- screenshots for docs/

    @Test
    void screenshotsAtPhoneAndDesktopWidths() throws IOException {
        ask(RAFAH);
        ask("Who won the 2022 World Cup?");
        browser.findElements(By.cssSelector(".answer a.marker")).getFirst().click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
        screenshot("desktop.png");

        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        screenshot("desktop-dark.png");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));

        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));
        viewport(390, 844, true);
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("phone.png");
        browser.findElements(By.cssSelector(".answer a.marker")).getFirst().click();
        // A tap shows the preview, whose button opens the article; a tap on a marker whose preview was already
        // up (focused at desktop size) opens it at once. Wait for either rather than race the tap.
        wait.until(d -> d.findElements(By.cssSelector("#preview button")).stream().anyMatch(WebElement::isDisplayed)
                || d.findElements(By.cssSelector("#article-lines li.cited")).stream()
                        .anyMatch(WebElement::isDisplayed));
        browser.findElements(By.cssSelector("#preview button")).stream().filter(WebElement::isDisplayed).findFirst()
                .ifPresent(WebElement::click);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
        // On a phone the article is a sheet over the lower part of the screen, the cited line in its view.
        wait.until(d -> inView(d.findElement(By.cssSelector("#article-lines li.cited")), null));
        screenshot("phone-article.png");
        assertThat(screenshots.resolve("desktop.png")).isNotEmptyFile();
        assertThat(screenshots.resolve("phone.png")).isNotEmptyFile();
    }

    // ---------------------------------------------------------------- source cards, previews, the reader as an overlay

    @Test
    void sourceCardsShowTitlesAndAMarkerPreviewsItsSourceOnHoverFocusAndTap() {
        viewport(1366, 900, false);
        WebElement reply = ask(RAFAH);
        WebElement card = reply.findElement(By.cssSelector(".sources li.card"));
        assertThat(card.findElement(By.cssSelector(".num")).getText()).isEqualTo("1");
        assertThat(card.findElement(By.cssSelector("a.source")).getText()).isEqualTo(RAFAH_TITLE);
        assertThat(card.findElement(By.cssSelector(".where")).getText()).isEqualTo(RAFAH_FILE + ":21");
        // The answer is the cited line word for word: the card does not repeat it.
        assertThat(reply.findElement(By.cssSelector(".answer")).getText()).contains(rafahLines.get(20).strip());
        assertThat(card.findElements(By.cssSelector("q"))).isEmpty();
        // A refusal's closest passages keep their excerpts: the answer does not say them.
        WebElement refusal = ask("How many tanks entered Rafah?");
        assertThat(refusal.getAttribute("class")).contains("refusal");
        assertThat(refusal.findElements(By.cssSelector(".sources li.card"))).isNotEmpty();
        for (WebElement closest : refusal.findElements(By.cssSelector(".sources li.card"))) {
            assertThat(closest.findElement(By.cssSelector("a.source")).getText()).doesNotEndWith(".txt");
            assertThat(closest.findElements(By.cssSelector("q"))).hasSize(1);
        }

        // Hovering a marker previews its source; leaving it hides the preview.
        WebElement marker = reply.findElement(By.cssSelector(".answer a.marker"));
        new Actions(browser).moveToElement(marker).perform();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        assertThat(preview.getText()).contains(RAFAH_TITLE).contains(RAFAH_FILE + ":21").contains("1.5 million");
        assertThat(marker.getAttribute("aria-describedby")).isEqualTo("preview");
        assertThat(boxOf(preview)).satisfies(r -> assertThat(insideWindow(r)).isTrue());
        new Actions(browser).moveToElement(browser.findElement(By.tagName("h1"))).perform();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("preview")));
        // Focusing it by keyboard does too, and Escape hides it without closing anything else.
        browser.executeScript("arguments[0].focus()", marker);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("preview")));
        assertThat(browser.findElement(By.id("article")).isDisplayed()).isFalse();

        // On a phone a tap previews (nothing hovers there), and the preview's button opens the article.
        viewport(390, 844, true);
        marker.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        assertThat(browser.findElement(By.id("article")).isDisplayed()).isFalse();
        assertThat(insideWindow(boxOf(browser.findElement(By.id("preview"))))).isTrue();
        screenshot("phone-preview.png");
        browser.findElement(By.cssSelector("#preview button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
        assertThat(browser.findElement(By.id("preview")).isDisplayed()).isFalse();
    }

    @Test
    void theReaderLiesOverThePageAndNeverMovesTheAnswer() {
        viewport(1366, 900, false);
        for (String q : List.of("Who did Ismail Haniyeh meet in Turkey?",
                "Was there a breakthrough in the Hamas meetings in Cairo?", "Who heads the Egyptian intelligence?",
                "Did the Hamas delegation leave Cairo?", RAFAH)) {
            ask(q);
        }
        WebElement reply = last(".reply");
        WebElement marker = reply.findElement(By.cssSelector(".answer a.marker"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", marker);
        Map<String, Number> before = boxOf(reply);
        marker.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
        Map<String, Number> after = boxOf(reply);
        assertThat(after.get("top").doubleValue()).as("the answer's top before and after opening its source")
                .isCloseTo(before.get("top").doubleValue(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(after.get("width").doubleValue()).isEqualTo(before.get("width").doubleValue());
        WebElement drawer = browser.findElement(By.id("article"));
        assertThat(insideWindow(boxOf(drawer))).as("the drawer inside the 1366x900 window: %s", boxOf(drawer)).isTrue();
        // The claim stays in sight: the drawer covers none of the answer.
        assertThat(boxOf(marker).get("right").doubleValue())
                .isLessThanOrEqualTo(boxOf(drawer).get("left").doubleValue());
        assertThat(inView(browser.findElement(By.cssSelector("#article-lines li.cited")), drawer)).isTrue();
        assertCloseButtonIsLargeEnough();
        screenshot("desktop-reader.png");
        // Escape closes it from anywhere: here with the focus in the question box.
        browser.findElement(By.id("question")).click();
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));
        assertThat(boxOf(reply).get("top").doubleValue()).isCloseTo(before.get("top").doubleValue(),
                org.assertj.core.data.Offset.offset(0.5));

        // On a phone it is a sheet from the bottom, inside the screen, with the marker in sight above it.
        viewport(390, 844, true);
        // The focus went back to the marker, which previews it; a tap elsewhere puts the preview away.
        browser.findElement(By.tagName("h1")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("preview")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", marker);
        marker.click();
        browser.findElement(By.cssSelector("#preview button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
        Map<String, Number> sheet = boxOf(drawer);
        assertThat(insideWindow(sheet)).as("the sheet inside the 390x844 screen: %s", sheet).isTrue();
        assertThat(sheet.get("bottom").doubleValue()).isEqualTo(844.0);
        wait.until(d -> boxOf(marker).get("bottom").doubleValue() <= sheet.get("top").doubleValue()
                && boxOf(marker).get("top").doubleValue() >= 0);
        assertThat(inView(browser.findElement(By.cssSelector("#article-lines li.cited")), drawer)).isTrue();
        assertCloseButtonIsLargeEnough();
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));

        // An article that cannot be loaded says so, and Escape still closes the drawer.
        viewport(1366, 900, false);
        browser.executeScript("openArticle({file: 'gone.txt', title: 'Gone', start_line: 3, end_line: 3}, null)");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("article-lines"), "could not be loaded"));
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));
    }

    private void assertCloseButtonIsLargeEnough() {
        Map<String, Number> close = boxOf(browser.findElement(By.id("close-article")));
        assertThat(close.get("width").doubleValue()).as("close button width").isGreaterThanOrEqualTo(44);
        assertThat(close.get("height").doubleValue()).as("close button height").isGreaterThanOrEqualTo(44);
    }

    // ---------------------------------------------------------------- the article browser and the empty page

    @Test
    void theArticleBrowserOpensAnyArticleAndLimitsQuestionsToTheChosenOnes() {
        browser.findElement(By.id("browse")).click();
        wait.until(d -> d.findElements(By.cssSelector("#article-items li")).size() == 5);
        assertThat(browser.findElement(By.id("article-title")).getText()).isEqualTo("Articles (5)");
        List<WebElement> items = browser.findElements(By.cssSelector("#article-items li"));
        assertThat(items.get(3).getText()).contains(RAFAH_TITLE).contains(RAFAH_FILE + " \u00b7 " + rafahLines.size()
                + " lines");
        screenshot("articles.png");
        // Any article opens whole in the reader, and the list is one step back.
        items.get(3).findElement(By.cssSelector("a.article-open")).click();
        wait.until(ExpectedConditions.textToBe(By.id("article-title"), RAFAH_TITLE));
        wait.until(d -> d.findElements(By.cssSelector("#article-lines li")).size() == rafahLines.size());
        assertThat(browser.findElements(By.cssSelector("#article-lines li.cited"))).isEmpty();
        browser.findElement(By.id("back-to-list")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("article-items")));

        // Ticking an article limits the next question to it: the Rafah question is no longer answered from 003.
        String only = "001_3cabf72616562acd.txt";
        browser.findElement(By.cssSelector("#article-items input[data-file='" + only + "']")).click();
        WebElement chip = browser.findElement(By.cssSelector("#scope .chip"));
        assertThat(chip.getText()).startsWith("Hamas delegation leaves Cairo");
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        WebElement reply = ask(RAFAH);
        assertThat(reply.getText()).doesNotContain("1.5 million");
        assertThat(reply.findElements(By.cssSelector(".sources .where")))
                .allSatisfy(w -> assertThat(w.getText()).startsWith(only));
        // Asking all articles again.
        browser.findElement(By.id("scope-clear")).click();
        assertThat(browser.findElement(By.id("scope")).isDisplayed()).isFalse();
        assertThat(ask(RAFAH).getText()).contains("1.5 million");

        // On a phone the list is a sheet inside the screen, and an article opens from it the same way.
        viewport(390, 844, true);
        browser.findElement(By.id("browse")).click();
        WebElement first = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#article-items a")));
        assertThat(insideWindow(boxOf(browser.findElement(By.id("article"))))).isTrue();
        assertThat(insideWindow(boxOf(first))).isTrue();
        first.click();
        wait.until(ExpectedConditions.textToBe(By.id("article-title"),
                "Hamas will not send delegation to Cairo at the moment: Source"));
        browser.findElement(By.id("close-article")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));
    }

    @Test
    void theEmptyPageShowsTheCollectionExampleQuestionsAndTheCursor() {
        assertThat(hasFocus(browser.findElement(By.id("question")))).as("the cursor is in the question box").isTrue();
        wait.until(ExpectedConditions.textMatches(By.id("collection-size"), java.util.regex.Pattern.compile(
                "5 articles, \\d+ passages, indexed .+\\.")));
        wait.until(d -> d.findElements(By.cssSelector("#example-list button")).size() == 3);
        List<String> titles = footnoteTitles();
        List<WebElement> examples = browser.findElements(By.cssSelector("#example-list button"));
        for (WebElement example : examples) {
            assertThat(example.getText()).startsWith("What happened: ")
                    .satisfies(t -> assertThat(titles).anyMatch(title -> t.equals("What happened: "
                            + title.replaceAll("[.?!:;,\u2026\\s]+$", "") + "?")));
        }
        screenshot("empty.png");
        viewport(390, 844, true);
        // On a phone the examples fit the screen, above the question box.
        for (WebElement example : examples) {
            assertThat(insideWindow(boxOf(example))).isTrue();
            assertThat(boxOf(example).get("bottom").doubleValue())
                    .isLessThan(boxOf(browser.findElement(By.id("question"))).get("top").doubleValue());
        }
        screenshot("phone-empty.png");
        viewport(1280, 800, false);
        String question = examples.getFirst().getText();
        examples.getFirst().click();
        WebElement reply = awaitReply(1);
        assertThat(browser.findElement(By.cssSelector(".turn .question")).getText()).isEqualTo(question);
        assertThat(reply.getAttribute("class")).doesNotContain("refusal").doesNotContain("error");
        assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();
    }

    private List<String> footnoteTitles() {
        try {
            return footnote.articles(0, 50).articles().stream().map(a -> a.title()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- Markdown from a model, retry, regenerate, verdicts

    @Test
    void aModelsMarkdownIsRenderedAndItsHtmlStaysText() throws Exception {
        try (ModelStandIn model = new ModelStandIn(Provider.OPENAI)) {
            FootnoteServer withModel = serverAnsweringWith(model);
            try {
                open("http://127.0.0.1:" + withModel.port());
                model.script(call -> {
                    int n = call.passageWith("1.5 million");
                    return ModelStandIn.tokens("Around 1.5 million Palestinians have sought **refuge** in *Rafah* [" + n
                            + "].\n\n- They are in the city of Rafah [" + n + "]\n"
                            + "- <img src=x onerror=\"window.pwned='img'\"><script>window.pwned='script'</script> "
                            + "[click](javascript:window.pwned='link') ![pic](http://192.0.2.1/x.png) `code` [" + n
                            + "]\n\n"
                            + "Second paragraph,\nwith a line break [" + n + "].", 7, Duration.ofMillis(2));
                });
                WebElement reply = ask(RAFAH);
                WebElement answer = reply.findElement(By.cssSelector(".answer"));
                assertThat(answer.findElement(By.cssSelector("p strong")).getText()).isEqualTo("refuge");
                assertThat(answer.findElement(By.cssSelector("p em")).getText()).isEqualTo("Rafah");
                List<WebElement> items = answer.findElements(By.cssSelector("ul > li"));
                assertThat(items).hasSize(2);
                // The HTML is shown as text; the image is its alt text, the link its label; no element was made.
                assertThat(items.get(1).getText()).contains("<img src=x onerror=\"window.pwned='img'\">")
                        .contains("<script>window.pwned='script'</script>").contains("click").contains("pic")
                        .doesNotContain("javascript:").doesNotContain("192.0.2.1");
                assertThat(items.get(1).findElement(By.cssSelector("code")).getText()).isEqualTo("code");
                assertThat(answer.findElements(By.cssSelector("img, script, iframe"))).isEmpty();
                assertThat(answer.findElements(By.cssSelector("a"))).isNotEmpty()
                        .allSatisfy(a -> assertThat(a.getAttribute("class")).isEqualTo("marker"));
                assertThat(browser.executeScript("return window.pwned")).isNull();
                List<WebElement> paragraphs = answer.findElements(By.cssSelector(":scope > p"));
                assertThat(paragraphs).hasSize(2);
                assertThat(paragraphs.get(1).findElements(By.cssSelector("br"))).hasSize(1);
                // The cited sentence is not underlined; the server's unsupported "." after its marker matches nothing.
                assertThat(paragraphs.getFirst().findElements(By.cssSelector("mark"))).isEmpty();
                screenshot("markdown.png");
            } finally {
                withModel.stop();
            }
        }
    }

    @Test
    void retryRegenerateAndVerdictsThatTheServerRecords() throws Exception {
        Path feedback = footnote.config().index().resolve(FeedbackLog.FILE_NAME);
        FootnoteServer doomed = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        int port = doomed.port();
        FootnoteServer revived = null;
        try {
            open("http://127.0.0.1:" + port);
            doomed.stop();
            WebElement failed = askExpectingError(RAFAH);
            revived = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", port);
            failed.findElement(By.cssSelector("button.retry")).click();
            wait.until(d -> d.findElements(By.cssSelector(".turn")).size() == 1
                    && !d.findElements(By.cssSelector(".turn .reply .sources")).isEmpty());
            WebElement reply = awaitReply(1);
            assertThat(reply.getText()).contains("1.5 million");

            // Regenerate asks the last question again in place of its answer.
            reply.findElement(By.cssSelector("button.regenerate")).click();
            wait.until(d -> d.findElements(By.cssSelector(".turn .reply .sources")).size() == 1
                    && d.findElement(By.id("question")).isEnabled());
            assertThat(browser.findElements(By.cssSelector(".turn"))).hasSize(1);
            assertThat(browser.executeScript(
                    "return JSON.parse(localStorage.getItem('footnote.conversation')).turns.length")).isEqualTo(1L);

            long before = Files.exists(feedback) ? Files.readAllLines(feedback).size() : 0;
            WebElement down = awaitReply(1).findElement(By.cssSelector("button.thumb.down"));
            down.click();
            wait.until(d -> "true".equals(down.getAttribute("aria-pressed")));
            assertThat(awaitReply(1).findElement(By.cssSelector(".verdict-note")).getText()).isEqualTo("Thanks");
            assertThat(awaitReply(1).findElement(By.cssSelector("button.thumb.up")).getAttribute("aria-pressed"))
                    .isEqualTo("false");
            List<String> lines = Files.readAllLines(feedback);
            assertThat(lines).hasSize((int) before + 1);
            var recorded = dev.footnote.json.Json.MAPPER.readTree(lines.getLast());
            assertThat(recorded.path("question").asText()).isEqualTo(RAFAH);
            assertThat(recorded.path("verdict").asText()).isEqualTo("down");
            assertThat(recorded.path("answer").asText()).contains("1.5 million");
            assertThat(recorded.path("conversation_id").asText()).isNotBlank();
            // The verdict is kept with the conversation and shown after a reload.
            browser.navigate().refresh();
            wait.until(d -> "true"
                    .equals(d.findElement(By.cssSelector("button.thumb.down")).getAttribute("aria-pressed")));
        } finally {
            doomed.stop();
            if (revived != null) {
                revived.stop();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void open(String url) {
        browser.get(url + "/");
        browser.executeScript("localStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
    }

    private void viewport(int width, int height, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Types the question, presses Enter, and returns its reply once it is complete. */
    private WebElement ask(String question) {
        int before = browser.findElements(By.cssSelector(".turn")).size();
        WebElement input = browser.findElement(By.id("question"));
        input.sendKeys(question, Keys.ENTER);
        WebElement reply = awaitReply(before + 1);
        assertThat(reply.getAttribute("class")).doesNotContain("error");
        return reply;
    }

    private WebElement askExpectingError(String question) {
        int before = browser.findElements(By.cssSelector(".turn")).size();
        browser.findElement(By.id("question")).sendKeys(question, Keys.ENTER);
        WebElement reply = awaitReply(before + 1);
        assertThat(reply.getAttribute("class")).contains("error");
        assertThat(reply.getAttribute("role")).isEqualTo("alert");
        return reply;
    }

    /** Waits for the n-th turn's reply to be finished (answered, refused, failed or stopped) and the input free. */
    private WebElement awaitReply(int turns) {
        wait.until(d -> {
            List<WebElement> replies = d.findElements(By.cssSelector(".turn .reply"));
            if (replies.size() < turns) {
                return false;
            }
            String cls = replies.get(turns - 1).getAttribute("class");
            return !cls.contains("pending") && !cls.contains("streaming")
                    && d.findElement(By.id("question")).isEnabled();
        });
        return browser.findElements(By.cssSelector(".turn .reply")).get(turns - 1);
    }

    private boolean hasFocus(WebElement element) {
        return Boolean.TRUE.equals(browser.executeScript("return document.activeElement === arguments[0]", element));
    }

    private WebElement last(String css) {
        return browser.findElements(By.cssSelector(css)).getLast();
    }

    /** Whether the element is within the container's visible box (the window's when container is null). */
    private boolean inView(WebElement element, WebElement container) {
        return Boolean.TRUE.equals(browser.executeScript("""
                const r = arguments[0].getBoundingClientRect();
                const c = arguments[1] ? arguments[1].getBoundingClientRect() : {top: 0, bottom: window.innerHeight};
                return r.top >= c.top && r.bottom <= c.bottom;""", element, container));
    }

    /** The element's box in the window, from getBoundingClientRect. */
    @SuppressWarnings("unchecked")
    private Map<String, Number> boxOf(WebElement element) {
        return (Map<String, Number>) browser.executeScript("""
                const r = arguments[0].getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
                        windowWidth: innerWidth, windowHeight: innerHeight};""", element);
    }

    private static boolean insideWindow(Map<String, Number> r) {
        return r.get("top").doubleValue() >= 0 && r.get("left").doubleValue() >= 0
                && r.get("bottom").doubleValue() <= r.get("windowHeight").doubleValue()
                && r.get("right").doubleValue() <= r.get("windowWidth").doubleValue()
                && r.get("height").doubleValue() > 0;
    }

    private void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- follow-ups, restarts and past conversations

    private static final String KAMEL = "Which Egyptian official met the Hamas delegation?";
    private static final String KAMEL_FOLLOW_UP = "Where did he meet them?";

    private String storedConversationId() {
        return (String) browser.executeScript(
                "return JSON.parse(localStorage.getItem('footnote.conversation') || '{}').id || null");
    }

    @Test
    void aFollowUpShowsWhatWasSearchedAndTheSearchCanBeEditedAndAskedAgain() {
        ask(KAMEL);
        WebElement followUp = ask(KAMEL_FOLLOW_UP);
        WebElement searched = followUp.findElement(By.cssSelector(".searched"));
        assertThat(searched.isDisplayed()).isTrue();
        assertThat(searched.findElement(By.cssSelector(".searched-query")).getText())
                .isEqualTo("Where did Abbas Kamel meet the Hamas delegation?");
        assertThat(followUp.findElement(By.cssSelector(".answer")).getText()).contains("Cairo");
        // It stands above the answer, where it is read first.
        assertThat(searched.getLocation().getY())
                .isLessThan(followUp.findElement(By.cssSelector(".answer")).getLocation().getY());

        searched.findElement(By.cssSelector(".edit-search")).click();
        WebElement field = followUp.findElement(By.cssSelector(".search-field"));
        assertThat(hasFocus(field)).as("the search text has the focus").isTrue();
        assertThat(followUp.findElement(By.cssSelector(".searched-line")).isDisplayed()).isFalse();
        assertThat(field.getAttribute("value")).isEqualTo("Where did Abbas Kamel meet the Hamas delegation?");
        field.sendKeys(Keys.ESCAPE);
        assertThat(followUp.findElements(By.cssSelector(".search-field"))).isEmpty();

        followUp.findElement(By.cssSelector(".edit-search")).click();
        field = followUp.findElement(By.cssSelector(".search-field"));
        field.clear();
        field.sendKeys(Keys.ENTER);
        assertThat(browser.findElements(By.cssSelector(".turn"))).as("an empty search is not sent").hasSize(2);
        field.sendKeys("Where did the Hamas delegation meet Abbas Kamel in Cairo?", Keys.ENTER);
        WebElement again = awaitReply(3);
        assertThat(again.getAttribute("class")).doesNotContain("error").doesNotContain("refusal");
        List<WebElement> turns = browser.findElements(By.cssSelector(".turn"));
        assertThat(turns.get(2).findElement(By.cssSelector(".question")).getText()).isEqualTo(KAMEL_FOLLOW_UP);
        assertThat(again.findElement(By.cssSelector(".searched-query")).getText())
                .isEqualTo("Where did the Hamas delegation meet Abbas Kamel in Cairo?");
        assertThat(again.findElements(By.cssSelector(".notice"))).isEmpty();
        again.findElement(By.cssSelector(".edit-search")).click();
        screenshot("follow-up-search.png");
    }

    /**
     * The server is stopped and a new one started on the same port over the same index folder (a second
     * {@link Footnote} opened there, as a new process would): the page's follow-up continues the conversation.
     */
    @Test
    void aFollowUpAfterAServerRestartContinuesTheConversation() throws IOException {
        FootnoteServer before = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        int port = before.port();
        open("http://127.0.0.1:" + port);
        ask(KAMEL);
        before.stop();
        try (Footnote restarted = Footnote.open(footnote.config(), line -> {})) {
            FootnoteServer after = new FootnoteServer(restarted.service(), restarted).start("127.0.0.1", port);
            try {
                WebElement followUp = ask(KAMEL_FOLLOW_UP);
                assertThat(followUp.findElement(By.cssSelector(".searched-query")).getText())
                        .isEqualTo("Where did Abbas Kamel meet the Hamas delegation?");
                assertThat(followUp.findElements(By.cssSelector(".notice"))).isEmpty();
            } finally {
                after.stop();
            }
        }
    }

    @Test
    void aConversationTheServerNoLongerHasIsSaidNotSilentlyRestarted() {
        ask(KAMEL);
        assertThat(footnote.service().conversations().delete(storedConversationId())).isTrue();
        WebElement followUp = ask(KAMEL_FOLLOW_UP);
        assertThat(followUp.findElement(By.cssSelector(".notice")).getText())
                .contains("ended on the server").contains("on its own");
        assertThat(followUp.findElements(By.cssSelector(".searched"))).isEmpty();
        // From here the conversation goes on again, and says nothing more.
        WebElement next = ask("Who is Hazem Qassem?");
        assertThat(next.findElements(By.cssSelector(".notice"))).isEmpty();
        browser.navigate().refresh();
        wait.until(d -> d.findElements(By.cssSelector(".turn")).size() == 3);
        assertThat(browser.findElements(By.cssSelector(".turn .notice"))).hasSize(1);
    }

    @Test
    void pastConversationsAreKeptReopenedAndDeletedAndLeavingAsksBeforeDiscarding() {
        ask("Who did Ismail Haniyeh meet in Turkey?");
        String haniyeh = storedConversationId();
        WebElement newConversation = browser.findElement(By.id("new-conversation"));
        WebElement confirm = browser.findElement(By.id("confirm-discard"));
        newConversation.click();
        // Nothing unsaved: no question asked, the conversation simply moves to the list.
        assertThat(confirm.isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector(".turn"))).isEmpty();

        ask(RAFAH);
        WebElement input = browser.findElement(By.id("question"));
        input.sendKeys("an unsent question");
        newConversation.click();
        wait.until(ExpectedConditions.visibilityOf(confirm));
        assertThat(browser.findElement(By.id("confirm-discard-text")).getText()).contains("not yet asked");
        browser.findElement(By.id("confirm-keep")).click();
        wait.until(ExpectedConditions.invisibilityOf(confirm));
        assertThat(browser.findElements(By.cssSelector(".turn"))).hasSize(1);
        assertThat(input.getAttribute("value")).isEqualTo("an unsent question");
        newConversation.click();
        wait.until(ExpectedConditions.visibilityOf(confirm));
        browser.findElement(By.id("confirm-discard-yes")).click();
        wait.until(ExpectedConditions.invisibilityOf(confirm));
        assertThat(browser.findElements(By.cssSelector(".turn"))).isEmpty();
        assertThat(input.getAttribute("value")).isEmpty();

        browser.findElement(By.id("show-history")).click();
        WebElement history = browser.findElement(By.id("history"));
        wait.until(ExpectedConditions.visibilityOf(history));
        List<WebElement> past = history.findElements(By.cssSelector("#history-list .reopen"));
        assertThat(past).hasSize(2);
        assertThat(past.get(0).getText()).startsWith(RAFAH).contains("1 question");
        assertThat(past.get(1).getText()).startsWith("Who did Ismail Haniyeh meet in Turkey?");
        past.get(1).click();
        wait.until(ExpectedConditions.invisibilityOf(history));
        List<WebElement> turns = browser.findElements(By.cssSelector(".turn"));
        assertThat(turns).hasSize(1);
        assertThat(turns.get(0).findElement(By.cssSelector(".question")).getText())
                .isEqualTo("Who did Ismail Haniyeh meet in Turkey?");
        assertThat(storedConversationId()).isEqualTo(haniyeh);
        // A follow-up continues the reopened conversation on the server.
        WebElement followUp = ask("What is his role in Hamas?");
        assertThat(followUp.findElement(By.cssSelector(".searched-query")).getText()).contains("Ismail Haniyeh");
        assertThat(followUp.findElements(By.cssSelector(".notice"))).isEmpty();

        // At phone size the header still offers both, inside the screen.
        viewport(390, 844, true);
        for (String id : List.of("show-history", "new-conversation")) {
            WebElement button = browser.findElement(By.id(id));
            assertThat(button.isDisplayed()).isTrue();
            assertThat(button.getRect().getX() + button.getRect().getWidth()).isLessThanOrEqualTo(390);
        }
        browser.findElement(By.id("show-history")).click();
        wait.until(ExpectedConditions.visibilityOf(history));
        screenshot("conversations-phone.png");
        history.findElement(By.cssSelector(".forget")).click();
        wait.until(d -> d.findElements(By.cssSelector("#history-list li")).isEmpty());
        assertThat(browser.findElement(By.id("history-empty")).isDisplayed()).isTrue();
        browser.findElement(By.id("close-history")).click();
        wait.until(ExpectedConditions.invisibilityOf(history));
    }

    /** Under a refusal, one line says in plain words why, from the answer's refusal; an answer has none. */
    @Test
    void aRefusalSaysWhyInPlainWords() {
        WebElement refused = ask("Who won the 2022 World Cup?");
        WebElement reason = refused.findElement(By.cssSelector(".refusal-reason"));
        assertThat(reason.getText()).isEqualTo("Not answered: no passage names World Cup.");
        assertThat(reason.getAttribute("data-gate")).isEqualTo("names_missing");
        WebElement answered = ask("How many Palestinians have sought refuge in Rafah?");
        assertThat(answered.findElements(By.cssSelector(".refusal-reason"))).isEmpty();
    }

    @Test
    void aShortAnswerIsShownFirstAboveTheQuotedSentenceWithItsMarker() {
        WebElement reply = ask("Who is the head of Egyptian intelligence that the Hamas delegation met?");
        WebElement shortAnswer = reply.findElement(By.cssSelector(".short-answer"));
        assertThat(shortAnswer.getText()).isEqualTo("Abbas Kamel [1]");
        WebElement answer = reply.findElement(By.cssSelector(".answer"));
        assertThat(answer.getText()).contains("Abbas Kamel");
        assertThat(shortAnswer.getRect().getY()).isLessThan(answer.getRect().getY());
        // Its marker is a real one: it opens the cited line.
        shortAnswer.findElement(By.cssSelector("a.marker")).click();
        WebElement cited = wait
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-lines li.cited")));
        assertThat(cited.getText()).contains("Abbas Kamel");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("article")));
        // A question that asks for no name, number or date gets none.
        WebElement why = ask("Why did the Hamas delegation go to Cairo?");
        assertThat(why.findElements(By.cssSelector(".short-answer"))).isEmpty();
    }
}
