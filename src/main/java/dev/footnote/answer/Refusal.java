package dev.footnote.answer;

/**
 * Why a question was not answered: the {@link Gate} that refused it (for the extractive answerer, the furthest gate,
 * in the order a question meets them, that turned any sentence away) and what it found, in plain words for the
 * reader.
 *
 * @param gate   the rule's snake_case name: {@code names_missing}, {@code support_too_low}, {@code model_refused}, …
 * @param detail what the rule found, as a clause: "no passage names Qatar"
 */
public record Refusal(String gate, String detail) {

    /** Refused by the language model: its reply said the passages do not answer. */
    public static final String MODEL_REFUSED = "model_refused";
    /** The language model's reply cites no passage that stands up to the check. */
    public static final String NO_SUPPORTED_CITATION = "no_supported_citation";
    /** An extractive draft none of whose sentences stands in the lines it cites. */
    public static final String CITATION_CHECK = "citation_check";
}
