package dev.footnote.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A question set cut in two halves by article, the same way every time for the same seed: the articles named by
 * the questions' gold places are sorted, shuffled with the seed, and the first half of them (rounded up) is the
 * train half, the rest the reported half. A question belongs to the half of its first gold file, so no article
 * has questions on both sides and rules tuned on one half are measured on articles they never saw. A question
 * without a gold file (an unanswerable one) goes by its id, with the same seed.
 *
 * @param seed the shuffle's seed
 */
public record QuestionSplit(long seed) {

    /** The two halves. */
    public enum Half {
        TRAIN, REPORT
    }

    /** The train half's articles among those {@code questions} name. */
    public Set<String> trainArticles(List<Question> questions) {
        Set<String> files = new TreeSet<>();
        for (Question q : questions) {
            if (!q.gold().isEmpty()) {
                files.add(q.gold().get(0).file());
            }
        }
        List<String> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(seed));
        return Set.copyOf(shuffled.subList(0, (shuffled.size() + 1) / 2));
    }

    /** The questions of {@code half}, in their order in {@code questions}. */
    public List<Question> half(List<Question> questions, Half half) {
        Set<String> train = trainArticles(questions);
        List<Question> out = new ArrayList<>();
        for (Question q : questions) {
            boolean inTrain = q.gold().isEmpty()
                    ? new Random(seed ^ q.id().hashCode()).nextBoolean()
                    : train.contains(q.gold().get(0).file());
            if (inTrain == (half == Half.TRAIN)) {
                out.add(q);
            }
        }
        return out;
    }
}
