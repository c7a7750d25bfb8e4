package dev.footnote.eval;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * A two-class logistic regression trained with Tribuo (SGD with AdaGrad, seeded) and read out as one weight per
 * feature and a bias, for a model applied in plain Java: the support judge's and the answerability score's.
 *
 * @param model   Tribuo's model, to check the plain weights against
 * @param weights a weight per feature, in the order of the names given
 * @param bias    the bias
 */
record Logistic(LinearSGDModel model, List<Double> weights, double bias) {

    Logistic {
        weights = List.copyOf(weights);
    }

    /** Trains on {@code data} and reads out the weights of {@code yes} against {@code no}. */
    static Logistic train(MutableDataset<Label> data, String yes, String no, String[] names, int epochs, long seed) {
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), epochs, 100_000,
                1, seed);
        LinearSGDModel tribuo = trainer.train(data);
        DenseMatrix w = tribuo.getWeightsCopy();
        int y = tribuo.getOutputIDInfo().getID(new Label(yes));
        int n = tribuo.getOutputIDInfo().getID(new Label(no));
        // Two-class softmax is the logistic of the difference of the two rows.
        List<Double> weights = new ArrayList<>();
        for (String f : names) {
            int id = tribuo.getFeatureIDMap().getID(f);
            weights.add(id < 0 ? 0.0 : w.get(y, id) - w.get(n, id));
        }
        int bias = w.getDimension2Size() - 1;
        return new Logistic(tribuo, weights, w.get(y, bias) - w.get(n, bias));
    }
}
