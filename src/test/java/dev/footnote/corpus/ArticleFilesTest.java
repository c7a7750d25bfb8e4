package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleFilesTest {

    @TempDir
    Path root;

    private void touch(String name) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "Text of " + name + ".");
    }

    @Test
    void listsTxtAndMdRecursivelyWithSlashNamesInOrder() throws IOException {
        touch("b.txt");
        touch("a.md");
        touch("sub/c.txt");
        touch("sub/deeper/d.md");
        touch("UPPER.TXT");
        touch("Mixed.Md");
        touch("notes.json");
        touch("data.json");
        touch("archive.txt.bak");
        touch("README");
        touch("sub/e.markdown");
        Files.createDirectories(root.resolve("empty"));
        SortedMap<String, Path> files = new ArticleFiles(root).list();
        assertThat(files.keySet()).containsExactly("Mixed.Md", "UPPER.TXT", "a.md", "b.txt", "sub/c.txt",
                "sub/deeper/d.md");
        assertThat(files.get("sub/c.txt")).isEqualTo(root.resolve("sub/c.txt").toAbsolutePath().normalize());
    }

    @Test
    void hiddenFilesAndFoldersAreSkipped() throws IOException {
        touch("visible.txt");
        touch(".hidden.txt");
        touch(".git/HEAD.txt");
        touch(".obsidian/notes.md");
        touch("sub/.draft.md");
        touch("sub/.cache/x.txt");
        touch("sub/ok.txt");
        assertThat(new ArticleFiles(root).list().keySet()).containsExactly("sub/ok.txt", "visible.txt");
    }

    @Test
    void aHiddenRootIsStillListed() throws IOException {
        Path hiddenRoot = root.resolve(".articles");
        Files.createDirectories(hiddenRoot);
        Files.writeString(hiddenRoot.resolve("x.txt"), "x");
        assertThat(new ArticleFiles(hiddenRoot).list().keySet()).containsExactly("x.txt");
    }

    @Test
    void aDirectoryNamedLikeAnArticleIsNotAnArticle() throws IOException {
        Files.createDirectories(root.resolve("folder.txt"));
        touch("folder.txt/inner.txt");
        assertThat(new ArticleFiles(root).list().keySet()).containsExactly("folder.txt/inner.txt");
    }

    @Test
    void symbolicLinksAreFollowedAndDanglingOnesSkipped() throws IOException {
        touch("real.txt");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("real.txt"));
        Files.createSymbolicLink(root.resolve("dangling.txt"), root.resolve("nowhere.txt"));
        assertThat(new ArticleFiles(root).list().keySet()).containsExactly("link.txt", "real.txt");
    }

    @Test
    void aLinkIsJudgedByWhereItLeadsHiddenAndNonArticleTargetsIncluded() throws IOException {
        Path articles = Files.createDirectories(root.resolve("articles"));
        Files.writeString(articles.resolve(".env.txt"), "SECRET=1");
        Files.createDirectories(articles.resolve(".private"));
        Files.writeString(articles.resolve(".private/keys.md"), "keys");
        Files.writeString(articles.resolve("config.yaml"), "password: x");
        Files.writeString(articles.resolve("ok.txt"), "ok");
        Files.createSymbolicLink(articles.resolve("notes.md"), articles.resolve(".env.txt"));
        Files.createSymbolicLink(articles.resolve("pub"), articles.resolve(".private"));
        Files.createDirectories(articles.resolve("sub"));
        Files.createSymbolicLink(articles.resolve("sub/x.txt"), articles.resolve(".private/keys.md"));
        Files.createSymbolicLink(articles.resolve("a.txt"), articles.resolve("config.yaml"));
        Files.createSymbolicLink(articles.resolve("same.txt"), articles.resolve("ok.txt"));
        java.util.List<String> log = new java.util.ArrayList<>();
        ArticleFiles files = new ArticleFiles(articles, log::add);
        assertThat(files.list().keySet()).containsExactly("ok.txt", "same.txt");
        assertThat(log).containsExactlyInAnyOrder("skipped notes.md: it leads to a hidden file or folder",
                "skipped pub: it leads to a hidden file or folder",
                "skipped sub/x.txt: it leads to a hidden file or folder",
                "skipped a.txt: it leads to a file that is not an article (.txt, .md, or a document Footnote reads)");
        assertThatThrownBy(() -> files.read(articles.resolve("notes.md"))).isInstanceOf(IOException.class);
        assertThat(files.belongs(articles.resolve("a.txt"))).isFalse();
        assertThat(files.belongs(articles.resolve("same.txt"))).isTrue();
    }

    @Test
    void aLinkOutToAFolderThatCannotBeReadIsSkippedNotAFailedPass() throws IOException {
        Path articles = Files.createDirectories(root.resolve("articles"));
        Path locked = Files.createDirectories(root.resolve("locked"));
        Files.writeString(locked.resolve("secret.txt"), "secret");
        touch("articles/ok.txt");
        Files.createSymbolicLink(articles.resolve("out"), locked);
        locked.toFile().setReadable(false, false);
        locked.toFile().setExecutable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked),
                    "running as root: permissions do not stop reading");
            java.util.List<String> log = new java.util.ArrayList<>();
            assertThat(new ArticleFiles(articles, log::add).list().keySet()).containsExactly("ok.txt");
            assertThat(log).containsExactly("skipped out: it leads outside the articles folder");
        } finally {
            locked.toFile().setReadable(true, false);
            locked.toFile().setExecutable(true, false);
        }
    }

    @Test
    void missingRootIsAnError() {
        assertThatThrownBy(() -> new ArticleFiles(root.resolve("nope")).list())
                .isInstanceOf(IOException.class).hasMessageContaining("not found");
    }

    @Test
    void rootIsAbsoluteAndNormalised() {
        ArticleFiles files = new ArticleFiles(root.resolve("a/../b"));
        assertThat(files.root()).isEqualTo(root.resolve("b").toAbsolutePath().normalize());
        assertThat(files.nameOf(root.resolve("b/sub/x.txt"))).isEqualTo("sub/x.txt");
    }

    @Test
    void resolvesPlainRelativeNames() {
        ArticleFiles files = new ArticleFiles(root);
        Path abs = root.toAbsolutePath().normalize();
        assertThat(files.resolve("x.txt")).contains(abs.resolve("x.txt"));
        assertThat(files.resolve("sub/x.txt")).contains(abs.resolve("sub/x.txt"));
        assertThat(files.resolve("000_ee4c0ed1b0960cbf.txt")).contains(abs.resolve("000_ee4c0ed1b0960cbf.txt"));
        assertThat(files.resolve("a..b.txt")).contains(abs.resolve("a..b.txt"));
        assertThat(files.resolve("spaced name.md")).contains(abs.resolve("spaced name.md"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.txt", "..", ".", "a/../../x.txt", "a/../x.txt", "sub/..", "./x.txt", "a/./x.txt",
            "/etc/passwd", "/x.txt", "a\\b.txt", "..\\x.txt", "C:\\x.txt", "C:/x.txt", "a//b.txt", "a/", "/",
            "//x.txt", "a/b/", "x\u0000.txt", "x\n.txt", "x\u007f.txt", "x\t.txt", ""})
    void refusesUnsafeNames(String name) {
        assertThat(ArticleFiles.isSafeName(name)).as("isSafeName(%s)", name).isFalse();
        assertThat(new ArticleFiles(root).resolve(name)).as("resolve(%s)", name).isEmpty();
    }

    @Test
    void refusesNullAndOverlongNames() {
        assertThat(ArticleFiles.isSafeName(null)).isFalse();
        assertThat(ArticleFiles.isSafeName("a".repeat(1025))).isFalse();
        assertThat(ArticleFiles.isSafeName("a".repeat(1020) + ".txt")).isTrue();
    }

    @Test
    void safeNames() {
        assertThat(ArticleFiles.isSafeName("x.txt")).isTrue();
        assertThat(ArticleFiles.isSafeName("sub/deeper/x.md")).isTrue();
        assertThat(ArticleFiles.isSafeName("..x.txt")).isTrue();
        assertThat(ArticleFiles.isSafeName("日本語.txt")).isTrue();
    }
}
