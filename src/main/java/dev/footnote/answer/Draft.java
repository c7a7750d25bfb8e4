package dev.footnote.answer;

import java.util.List;

/**
 * What an answerer proposes: claims with their places, or a refusal with the closest places. Nothing in a
 * draft is shown before {@link CitationChecker} has checked it against the indexed text.
 */
public record Draft(boolean answered, List<Claim> claims, List<Place> closest, String model) {

    public Draft {
        claims = List.copyOf(claims);
        closest = List.copyOf(closest);
    }

    public static Draft refusal(List<Place> closest, String model) {
        return new Draft(false, List.of(), closest, model);
    }
}
