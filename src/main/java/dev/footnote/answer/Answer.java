package dev.footnote.answer;

import java.util.List;

/**
 * The answer object every channel delivers. Markers {@code [n]} in {@code answer} refer to
 * {@code citations[].id}; every marker has its citation and every citation its marker.
 */
public record Answer(String answer, boolean answered, List<Citation> citations, String conversationId,
                     String model, Timings timingsMs) {

    public Answer {
        citations = List.copyOf(citations);
    }
}
