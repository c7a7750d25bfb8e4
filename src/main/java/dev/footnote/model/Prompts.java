package dev.footnote.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.input.PromptTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt templates in {@code prompts/}, read once at start-up (an edit takes effect on restart, without
 * rebuilding). Placeholders are {@code {{name}}}, filled by LangChain4j's {@link PromptTemplate}; each
 * template is checked when read, so a misspelt placeholder stops the start instead of reaching the model.
 * prompts/README.md lists the placeholders.
 */
public final class Prompts {

    public static final String SYSTEM = "system.txt";
    public static final String ANSWER = "answer.txt";
    public static final String REWRITE = "rewrite.txt";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");
    private static final Set<String> DATES = Set.of("current_date", "current_time", "current_date_time");

    private final PromptTemplate system;
    private final PromptTemplate answer;
    private final PromptTemplate rewrite;
    private final String refusal;

    private Prompts(PromptTemplate system, PromptTemplate answer, PromptTemplate rewrite, String refusal) {
        this.system = system;
        this.answer = answer;
        this.rewrite = rewrite;
        this.refusal = refusal;
    }

    /**
     * Reads and checks the three templates.
     *
     * @param refusal the sentence the model is told to write when the passages do not answer
     * @throws IOException with a message naming the file and what is wrong with it
     */
    public static Prompts load(Path dir, String refusal) throws IOException {
        return new Prompts(
                read(dir, SYSTEM, Set.of(), Set.of("refusal")),
                read(dir, ANSWER, Set.of("passages", "question"), Set.of("refusal")),
                read(dir, REWRITE, Set.of("question", "history"), Set.of()),
                refusal);
    }

    private static PromptTemplate read(Path dir, String name, Set<String> required, Set<String> optional)
            throws IOException {
        Path file = dir.resolve(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(
                    "prompt template " + file + " is missing (point the prompts setting at the folder that holds "
                            + SYSTEM + ", " + ANSWER + " and " + REWRITE + ")");
        }
        if (text.isBlank()) {
            throw new IOException("prompt template " + file + " is empty");
        }
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1).strip());
        }
        for (String p : found) {
            if (!required.contains(p) && !optional.contains(p) && !DATES.contains(p)) {
                Set<String> known = new TreeSet<>(required);
                known.addAll(optional);
                known.addAll(DATES);
                throw new IOException("prompt template " + file + " has {{" + p + "}}, which is not filled in here; "
                        + "it may use " + known.stream().map(k -> "{{" + k + "}}").toList());
            }
        }
        for (String p : required) {
            if (!found.contains(p)) {
                throw new IOException("prompt template " + file + " must contain {{" + p + "}}");
            }
        }
        return PromptTemplate.from(text);
    }

    /**
     * The system prompt and the answer prompt.
     *
     * @param passages the numbered passages as the answer step wrote them
     */
    public List<ChatMessage> answer(String question, String passages) {
        Map<String, Object> values = new HashMap<>();
        values.put("passages", passages);
        values.put("question", question);
        values.put("refusal", refusal);
        return List.of(systemMessage(), UserMessage.from(answer.apply(values).text()));
    }

    /**
     * The system prompt and the prompt that turns a follow-up into a standalone question.
     *
     * @param history the earlier turns as the conversation step wrote them
     */
    public List<ChatMessage> rewrite(String question, String history) {
        Map<String, Object> values = new HashMap<>();
        values.put("history", history);
        values.put("question", question);
        return List.of(systemMessage(), UserMessage.from(rewrite.apply(values).text()));
    }

    private SystemMessage systemMessage() {
        return SystemMessage.from(system.apply(Map.of("refusal", refusal)).text());
    }
}
