package dev.footnote.answer;

import java.util.List;

/** One sentence of a drafted answer and the places it says it comes from; not yet checked. */
public record Claim(String text, List<Place> places, double score) {

    public Claim {
        places = List.copyOf(places);
    }
}
