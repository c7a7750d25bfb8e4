package dev.footnote.answer;

import java.util.List;

/**
 * What an answerer proposes: claims with their places, or a refusal with the closest places and the reason
 * ({@code refusal}, null when answered). Nothing in a draft is shown before {@link CitationChecker} has checked
 * it against the indexed text. {@code confidence} is the extractive answerer's probability that its best sentence
 * answers the question ({@link AnswerScore}), null for a language model's draft or a refusal before any scoring.
 */
public record Draft(boolean answered, List<Claim> claims, List<Place> closest, String model, Refusal refusal,
        Double confidence) {

    public Draft {
        claims = List.copyOf(claims);
        closest = List.copyOf(closest);
    }

    /** A draft without a confidence: a language model's. */
    public Draft(boolean answered, List<Claim> claims, List<Place> closest, String model, Refusal refusal) {
        this(answered, claims, closest, model, refusal, null);
    }

    /** A draft with no reason given for a refusal. */
    public Draft(boolean answered, List<Claim> claims, List<Place> closest, String model) {
        this(answered, claims, closest, model, null);
    }

    public static Draft refusal(List<Place> closest, String model) {
        return new Draft(false, List.of(), closest, model);
    }

    public static Draft refusal(List<Place> closest, String model, Refusal why) {
        return new Draft(false, List.of(), closest, model, why);
    }
}
