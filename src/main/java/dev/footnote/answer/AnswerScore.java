package dev.footnote.answer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.footnote.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The learned answerability score: how likely a candidate sentence is a right answer to the question, from its
 * {@link AnswerFeatures}. It ranks the candidates (which sentence answers) and decides whether any does (the
 * {@code low_confidence} gate, at the model's threshold). A logistic regression trained by
 * {@code footnote train-answerer} with Tribuo and shipped as its weights in {@code answer-score.json}, applied
 * here in plain Java: twenty numbers, so answering needs no machine learning library at run time.
 *
 * @param features  the names of the features, in {@link AnswerFeatures#NAMES}' order
 * @param weights   a weight per feature
 * @param threshold the probability below which the best candidate is not trusted to answer
 * @param precision the share of training questions answered at {@code threshold} whose answer was right
 * @param trainedOn what it was trained on, for the reader of the file
 */
public record AnswerScore(List<String> features, List<Double> weights, double bias, double threshold,
        double precision, String trainedOn) {

    public AnswerScore {
        features = List.copyOf(features);
        weights = List.copyOf(weights);
        if (!features.equals(AnswerFeatures.NAMES) || weights.size() != features.size()) {
            throw new IllegalArgumentException(
                    "the answer score's features are " + features + ", not " + AnswerFeatures.NAMES);
        }
    }

    /** The score as the jar ships it. */
    public static AnswerScore shipped() {
        return Shipped.SCORE;
    }

    private static final class Shipped {
        static final AnswerScore SCORE = read();

        private static AnswerScore read() {
            try (InputStream in = AnswerScore.class.getResourceAsStream("answer-score.json")) {
                if (in == null) {
                    throw new IllegalStateException("answer-score.json is missing from the jar");
                }
                return parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read answer-score.json: " + e.getMessage(), e);
            }
        }
    }

    /** Reads a score as {@code footnote train-answerer} writes it; every field is required. */
    public static AnswerScore parse(byte[] json) throws IOException {
        return Json.MAPPER.readerFor(AnswerScore.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .readValue(json);
    }

    public String write() throws IOException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
    }

    /** The probability that a candidate with these features answers the question. */
    public double probability(double[] x) {
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights.get(i) * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    public AnswerScore withThreshold(double t) {
        return new AnswerScore(features, weights, bias, t, precision, trainedOn);
    }
}
