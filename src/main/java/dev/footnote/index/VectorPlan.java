package dev.footnote.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each kind of unit gets its vector: from the model, derived from the vectors of its sentences (the
 * normalised sum, which costs no model time), or not at all. Headings are always embedded: one per distinct text,
 * they cost almost nothing. docs/evaluation.md ("What each kind of vector is worth") has the measurements behind
 * {@link #DEFAULT}.
 *
 * @param sentences embedded or none; the answerer compares the question with each sentence's vector
 * @param passages  embedded, derived from its sentences, or none
 * @param articles  embedded, derived from its sentences, or none
 */
public record VectorPlan(Source sentences, Source passages, Source articles) {

    public enum Source {
        EMBEDDED, DERIVED, NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }

        public static Source parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not embedded, derived or none", e);
            }
        }
    }

    private static final Pattern TAG = Pattern.compile("\\+sentence-(\\w+)\\+passage-(\\w+)\\+article-(\\w+)");

    /** Every kind embedded: what indexes recorded before the plan could be chosen. */
    public static final VectorPlan ALL_EMBEDDED = new VectorPlan(Source.EMBEDDED, Source.EMBEDDED, Source.EMBEDDED);
    public static final VectorPlan DEFAULT = ALL_EMBEDDED;

    public VectorPlan {
        if (sentences == Source.DERIVED) {
            throw new IllegalArgumentException("sentence vectors can be embedded or none, not derived");
        }
        if (sentences == Source.NONE && (passages == Source.DERIVED || articles == Source.DERIVED)) {
            throw new IllegalArgumentException(
                    "derived vectors are made from sentence vectors, which this plan has none of");
        }
    }

    /** Whether the model embeds this kind's texts (rather than deriving them, or leaving them out). */
    public boolean embeds(Unit.Kind kind) {
        return of(kind) == Source.EMBEDDED;
    }

    public Source of(Unit.Kind kind) {
        return switch (kind) {
            case SENTENCE -> sentences;
            case HEADING -> Source.EMBEDDED;
            case PASSAGE -> passages;
            case ARTICLE -> articles;
        };
    }

    /**
     * What an index records beside the model's name for the files it embedded under this plan, so that a file
     * indexed under another plan is redone (its embedded vectors come from the index's cache, so that costs no
     * model time unless this plan embeds a kind the other did not). The plan of every kind embedded keeps the tag
     * indexes had before plans existed, so those are not redone.
     */
    public String tag() {
        if (equals(ALL_EMBEDDED)) {
            return "+article";
        }
        List<String> parts = new ArrayList<>();
        parts.add("sentence-" + sentences.label());
        parts.add("passage-" + passages.label());
        parts.add("article-" + articles.label());
        return "+" + String.join("+", parts);
    }

    /** The plan whose {@link #tag()} this is; empty for a tag no plan writes (an index from before plans). */
    public static Optional<VectorPlan> ofTag(String tag) {
        if (tag.equals(ALL_EMBEDDED.tag())) {
            return Optional.of(ALL_EMBEDDED);
        }
        Matcher m = TAG.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VectorPlan(Source.parse(m.group(1)), Source.parse(m.group(2)),
                    Source.parse(m.group(3))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The plan an index was made under, read from what it records beside {@code model} for each file: empty when
     * it holds no file, when its files disagree, or when it was made before plans.
     */
    public static Optional<VectorPlan> recordedIn(Collection<String> embeddings, String model) {
        Set<String> tags = new HashSet<>();
        for (String e : embeddings) {
            if (!e.isEmpty()) {
                tags.add(e.startsWith(model) ? e.substring(model.length()) : e);
            }
        }
        return tags.size() == 1 ? ofTag(tags.iterator().next()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "sentences " + sentences.label() + ", passages " + passages.label() + ", articles " + articles.label();
    }
}
