package dev.footnote.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.Formats;
import dev.footnote.retrieve.Retrieval;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page over a folder of a PDF and a web page, in Debian's Chromium: a source of an answer says which page
 * of the PDF it is on, and a click opens the extracted text at the cited line with its page and the PDF's title.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentReaderPageTest {

    private Footnote footnote;
    private FootnoteServer server;
    private ChromeDriver browser;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        Path articles = Files.createDirectories(temp.resolve("articles"));
        Files.copy(Formats.file("pdf", "003_f221ba18038d1787"), articles.resolve("ceasefire-talks.pdf"));
        Files.copy(Formats.file("html", "001_3cabf72616562acd"), articles.resolve("hamas-leaves-cairo.html"));
        footnote = Footnote.open(Config.of(articles, temp.resolve("index")).withRetrieval(Retrieval.BM25), s -> {});
        footnote.sync();
        server = new FootnoteServer(footnote.service(), footnote).start("127.0.0.1", 0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("footnote.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + temp.resolve("chromium-profile").toAbsolutePath(), "--window-size=1280,800");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("footnote.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build(), options);
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

    /** The page with no conversation remembered from the other test. */
    private void freshPage() {
        browser.get("http://127.0.0.1:" + server.port());
        browser.executeScript("localStorage.clear()");
        browser.navigate().refresh();
    }

    @Test
    void aSourceInAPdfShowsItsPageAndOpensTheExtractedTextThere() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        freshPage();
        browser.findElement(By.id("question")).sendKeys("How many Palestinians have sought refuge in Rafah?",
                Keys.ENTER);
        WebElement source = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".reply .sources li")));
        assertThat(source.findElement(By.cssSelector("a.source")).getText())
                .contains("Hamas Delegation in Cairo for Ceasefire Talks");
        assertThat(source.findElement(By.cssSelector(".where")).getText()).startsWith("ceasefire-talks.pdf:");
        assertThat(source.findElement(By.cssSelector(".origin")).getText()).matches("page 1, line \\d+");

        source.findElement(By.cssSelector("a.source")).click();
        WebElement cited = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#article-lines li.cited")));
        assertThat(cited.getText()).contains("Around 1.5 million Palestinians");
        assertThat(cited.findElement(By.cssSelector(".line-origin")).getText()).startsWith("page 1, line");
        assertThat(browser.findElement(By.id("article-title")).getText())
                .contains("Hamas Delegation in Cairo for Ceasefire Talks");
        assertThat(browser.findElement(By.id("article-name")).getText()).startsWith("ceasefire-talks.pdf · PDF");
    }

    @Test
    void aSourceInAWebPageShowsItsHtmlLine() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        freshPage();
        browser.findElement(By.id("question")).sendKeys(
                "Where will the Hamas delegation consult with the movement's leadership?", Keys.ENTER);
        WebElement source = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".reply .sources li")));
        assertThat(source.findElement(By.cssSelector(".origin")).getText()).matches("line \\d+ of the HTML");
    }
}
