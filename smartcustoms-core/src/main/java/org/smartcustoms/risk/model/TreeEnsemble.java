package org.smartcustoms.risk.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The trees of a trained XGBoost booster, evaluated in plain Java for serving.
 *
 * <p>Why: XGBoost4J's native call costs about half a millisecond whatever the batch size and its SHAP call
 * several milliseconds per row, while one declaration must be decided in well under a millisecond. The
 * trees themselves are cheap: this class walks them from flat primitive arrays (a few microseconds per item)
 * and computes exact TreeSHAP contributions (Lundberg et al., "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2). Training stays with XGBoost; {@link TrainedFraudModel} checks at load
 * that this evaluator and the library agree on the same booster before serving with it.
 *
 * <p>Reads the booster's own JSON model ({@code Booster.toByteArray("json")}); supports what the trainer
 * produces: {@code gbtree} with numerical splits and the {@code binary:logistic} objective. Anything else
 * is refused with an {@link IllegalArgumentException} naming what is not supported. Immutable, thread-safe.
 */
final class TreeEnsemble {

    private final int features;
    private final double baseMargin;
    private final int[] roots;
    private final int[] left;
    private final int[] right;
    private final int[] splitFeature;
    /** split condition for inner nodes, leaf value for leaves */
    private final float[] value;
    private final boolean[] defaultLeft;
    private final double[] cover;
    /** expected output below each node: cover-weighted mean of the leaves under it */
    private final double[] mean;
    /** expected value of the whole ensemble's output (sum of the roots' means) */
    private final double expectedSum;
    private final int maxDepth;
    /**
     * The same trees packed for {@link #margin}: four ints per node, siblings adjacent (right = left + 1), so a
     * step down a tree reads one 16-byte record instead of five arrays: split feature, left child, 1 when a
     * missing value goes right, and the float bits of the split value. A leaf points to itself with a split
     * value of +infinity, so every row stays on it: a walk can take {@link #maxDepth} steps without asking
     * whether it has arrived, which lets {@link #margin} walk four trees side by side without branches.
     */
    private final int[] packed;
    private final int[] packedRoots;
    /** leaf value by packed node index (0 for inner nodes) */
    private final float[] packedLeaf;

    private TreeEnsemble(int features, double baseMargin, int[] roots, int[] left, int[] right, int[] splitFeature,
                         float[] value, boolean[] defaultLeft, double[] cover) {
        this.features = features;
        this.baseMargin = baseMargin;
        this.roots = roots;
        this.left = left;
        this.right = right;
        this.splitFeature = splitFeature;
        this.value = value;
        this.defaultLeft = defaultLeft;
        this.cover = cover;
        this.mean = new double[left.length];
        double sum = 0;
        int depth = 0;
        for (int root : roots) {
            sum += meanValue(root);
            depth = Math.max(depth, depth(root));
        }
        this.expectedSum = sum;
        this.maxDepth = depth;
        this.packed = new int[left.length * 4];
        this.packedRoots = new int[roots.length];
        this.packedLeaf = new float[left.length];
        int next = 0;
        int[] queue = new int[left.length];
        int[] at = new int[left.length];
        for (int t = 0; t < roots.length; t++) { // breadth first, children placed side by side
            int head = 0;
            int tail = 0;
            queue[tail++] = roots[t];
            packedRoots[t] = next;
            at[roots[t]] = next++;
            while (head < tail) {
                int n = queue[head++];
                int p = at[n] * 4;
                if (left[n] < 0) {
                    packed[p] = 0;
                    packed[p + 1] = at[n];
                    packed[p + 2] = 0;
                    packed[p + 3] = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
                    packedLeaf[at[n]] = value[n];
                    continue;
                }
                packed[p + 3] = Float.floatToRawIntBits(value[n]);
                packed[p] = splitFeature[n];
                packed[p + 1] = next;
                packed[p + 2] = defaultLeft[n] ? 0 : 1;
                at[left[n]] = next++;
                at[right[n]] = next++;
                queue[tail++] = left[n];
                queue[tail++] = right[n];
            }
        }
    }

    int features() { return features; }

    int trees() { return roots.length; }

    int maxDepth() { return maxDepth; }

    /** Parses XGBoost's JSON model format. */
    static TreeEnsemble fromXgboostJson(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an XGBoost JSON model: " + e.getMessage(), e);
        }
        JsonNode learner = root.path("learner");
        String objective = learner.path("objective").path("name").asText("");
        if (!objective.equals("binary:logistic")) {
            throw new IllegalArgumentException("objective " + objective + " is not supported (binary:logistic only)");
        }
        JsonNode gb = learner.path("gradient_booster");
        String booster = gb.path("name").asText("");
        if (!booster.equals("gbtree")) throw new IllegalArgumentException("booster " + booster + " is not supported (gbtree only)");
        JsonNode params = learner.path("learner_model_param");
        int features = Integer.parseInt(params.path("num_feature").asText("0"));
        String numClass = params.path("num_class").asText("0");
        if (!numClass.equals("0") && !numClass.equals("1")) throw new IllegalArgumentException("multi-class models are not supported");
        double baseScore = Double.parseDouble(params.path("base_score").asText("0.5"));
        if (!(baseScore > 0 && baseScore < 1)) throw new IllegalArgumentException("base_score " + baseScore + " out of (0,1)");
        double baseMargin = Math.log(baseScore / (1 - baseScore));
        JsonNode model = gb.path("model");
        JsonNode trees = model.path("trees");
        if (!trees.isArray()) throw new IllegalArgumentException("no trees in the model");
        String leafVector = model.path("gbtree_model_param").path("size_leaf_vector").asText("0");
        if (!leafVector.equals("0") && !leafVector.equals("1")) throw new IllegalArgumentException("vector leaves are not supported");

        int total = 0;
        for (JsonNode t : trees) total += t.path("left_children").size();
        int[] roots = new int[trees.size()];
        int[] left = new int[total];
        int[] right = new int[total];
        int[] feat = new int[total];
        float[] value = new float[total];
        boolean[] defLeft = new boolean[total];
        double[] cover = new double[total];
        int offset = 0;
        int ti = 0;
        for (JsonNode t : trees) {
            JsonNode l = t.path("left_children");
            JsonNode r = t.path("right_children");
            JsonNode si = t.path("split_indices");
            JsonNode sc = t.path("split_conditions");
            JsonNode dl = t.path("default_left");
            JsonNode sh = t.path("sum_hessian");
            JsonNode st = t.path("split_type");
            int n = l.size();
            if (n == 0 || r.size() != n || si.size() != n || sc.size() != n || dl.size() != n || sh.size() != n) {
                throw new IllegalArgumentException("tree " + ti + " is malformed (arrays of different lengths)");
            }
            roots[ti] = offset;
            for (int i = 0; i < n; i++) {
                int a = l.get(i).asInt();
                int b = r.get(i).asInt();
                if (a >= n || b >= n || (a < 0) != (b < 0)) {
                    throw new IllegalArgumentException("tree " + ti + " node " + i + " has invalid children");
                }
                if (st.size() == n && st.get(i).asInt() != 0) {
                    throw new IllegalArgumentException("tree " + ti + " has categorical splits, which are not supported");
                }
                int f = si.get(i).asInt();
                if (a >= 0 && (f < 0 || f >= features)) {
                    throw new IllegalArgumentException("tree " + ti + " node " + i + " splits on feature " + f
                            + " of " + features);
                }
                left[offset + i] = a < 0 ? -1 : offset + a;
                right[offset + i] = b < 0 ? -1 : offset + b;
                feat[offset + i] = f;
                value[offset + i] = (float) sc.get(i).asDouble();
                JsonNode d = dl.get(i);
                defLeft[offset + i] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
                cover[offset + i] = sh.get(i).asDouble();
            }
            offset += n;
            ti++;
        }
        return new TreeEnsemble(features, baseMargin, roots, left, right, feat, value, defLeft, cover);
    }

    /** Next node: XGBoost's rule, {@code x < split} goes left, a missing value (NaN) follows the default. */
    private int next(int node, float[] x) {
        return goesRight(x[splitFeature[node]], value[node], defaultLeft[node] ? 0 : 1) == 0 ? left[node] : right[node];
    }

    /** XGBoost's rule: {@code v < split} goes left (0); NaN compares false and goes {@code missingRight} (0 or 1). */
    private static int goesRight(float v, float split, int missingRight) {
        return v < split ? 0 : v != v ? missingRight : 1;
    }

    /** Raw score (log-odds) of one row. */
    double margin(float[] x) {
        int[] nodes = packed;
        int[] roots = packedRoots;
        int steps = maxDepth;
        double sum = baseMargin;
        int t = 0;
        for (; t + 4 <= roots.length; t += 4) { // four independent walks: their loads overlap
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            for (int s = 0; s < steps; s++) {
                a = step(nodes, a, x);
                b = step(nodes, b, x);
                c = step(nodes, c, x);
                d = step(nodes, d, x);
            }
            sum += (double) packedLeaf[a] + packedLeaf[b] + packedLeaf[c] + packedLeaf[d];
        }
        for (; t < roots.length; t++) {
            int a = roots[t];
            for (int s = 0; s < steps; s++) a = step(nodes, a, x);
            sum += packedLeaf[a];
        }
        return sum;
    }

    /**
     * One step down from packed node {@code n}: XGBoost's rule, {@code x < split} goes left; NaN compares false
     * and then follows the node's default. A leaf (split +infinity, default left) stays where it is.
     */
    private static int step(int[] nodes, int n, float[] x) {
        int p = n * 4;
        return nodes[p + 1] + goesRight(x[nodes[p]], Float.intBitsToFloat(nodes[p + 3]), nodes[p + 2]);
    }

    /** Fraud probability of one row. */
    double probability(float[] x) {
        if (x.length != features) throw new IllegalArgumentException("expected " + features + " features, got " + x.length);
        return 1 / (1 + Math.exp(-margin(x)));
    }

    /**
     * Exact TreeSHAP contributions in log-odds: one per feature and, last, the bias (expected value), so the
     * entries sum to {@link #margin}. Same layout as XGBoost's {@code predictContrib}.
     */
    float[] contributions(float[] x) {
        if (x.length != features) throw new IllegalArgumentException("expected " + features + " features, got " + x.length);
        double[] phi = new double[features + 1];
        int width = maxDepth + 2;
        Path path = new Path(width * (width + 1));
        for (int root : roots) {
            if (left[root] < 0) continue; // a single leaf only shifts the bias
            recurse(root, x, phi, path, 0, 0, 0, 1, 1, -1, width);
        }
        phi[features] += baseMargin + expectedSum;
        float[] out = new float[features + 1];
        for (int i = 0; i < out.length; i++) out[i] = (float) phi[i];
        return out;
    }

    /**
     * Approximate contributions (Saabas; XGBoost's {@code approx_contribs}): along the path the row takes
     * through each tree, the change of the expected output at each split is credited to the split's feature.
     * Same layout and sum as {@link #contributions}, at the cost of a prediction rather than
     * O(leaves x depth^2) per tree, which is what lets every declaration sent to an officer carry reasons.
     */
    float[] approximateContributions(float[] x) {
        if (x.length != features) throw new IllegalArgumentException("expected " + features + " features, got " + x.length);
        double[] phi = new double[features + 1];
        for (int root : roots) {
            int n = root;
            while (left[n] >= 0) {
                int c = next(n, x);
                phi[splitFeature[n]] += mean[c] - mean[n];
                n = c;
            }
        }
        phi[features] = baseMargin + expectedSum;
        float[] out = new float[features + 1];
        for (int i = 0; i < out.length; i++) out[i] = (float) phi[i];
        return out;
    }

    /** The unique path of the TreeSHAP recursion: feature, zero and one fractions and weights per element. */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;

        Path(int size) {
            feature = new int[size];
            zero = new double[size];
            one = new double[size];
            weight = new double[size];
        }
    }

    /**
     * One step of TreeSHAP: copy the parent's path (at {@code parentAt}, {@code length} elements) into this
     * level's slot, extend it with the split that led here, then either credit the leaf's value to the
     * features on the path or descend into the hot (taken) and cold (not taken) child.
     */
    private void recurse(int node, float[] x, double[] phi, Path p, int parentAt, int length, int level,
                         double zeroFraction, double oneFraction, int feature, int width) {
        int at = level * width;
        if (level > 0) {
            System.arraycopy(p.feature, parentAt, p.feature, at, length);
            System.arraycopy(p.zero, parentAt, p.zero, at, length);
            System.arraycopy(p.one, parentAt, p.one, at, length);
            System.arraycopy(p.weight, parentAt, p.weight, at, length);
        }
        extend(p, at, length, zeroFraction, oneFraction, feature);
        length++;
        if (left[node] < 0) {
            double leaf = value[node];
            for (int i = 1; i < length; i++) {
                double w = unwoundSum(p, at, length, i);
                phi[p.feature[at + i]] += w * (p.one[at + i] - p.zero[at + i]) * leaf;
            }
            return;
        }
        int hot = next(node, x);
        int cold = hot == left[node] ? right[node] : left[node];
        int split = splitFeature[node];
        double incomingZero = 1;
        double incomingOne = 1;
        for (int k = 1; k < length; k++) {
            if (p.feature[at + k] == split) { // the feature was split on above: undo it, carry its fractions
                incomingZero = p.zero[at + k];
                incomingOne = p.one[at + k];
                unwind(p, at, length, k);
                length--;
                break;
            }
        }
        double c = cover[node];
        if (c <= 0) return;
        recurse(hot, x, phi, p, at, length, level + 1, incomingZero * cover[hot] / c, incomingOne, split, width);
        recurse(cold, x, phi, p, at, length, level + 1, incomingZero * cover[cold] / c, 0, split, width);
    }

    private static void extend(Path p, int at, int length, double zeroFraction, double oneFraction, int feature) {
        p.feature[at + length] = feature;
        p.zero[at + length] = zeroFraction;
        p.one[at + length] = oneFraction;
        p.weight[at + length] = length == 0 ? 1 : 0;
        double l1 = length + 1;
        for (int i = length - 1; i >= 0; i--) {
            p.weight[at + i + 1] += oneFraction * p.weight[at + i] * (i + 1) / l1;
            p.weight[at + i] = zeroFraction * p.weight[at + i] * (length - i) / l1;
        }
    }

    /** Removes element {@code index} from the path (weights recomputed as if it had never been added). */
    private static void unwind(Path p, int at, int length, int index) {
        int last = length - 1;
        double one = p.one[at + index];
        double zero = p.zero[at + index];
        double next = p.weight[at + last];
        for (int i = last - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = p.weight[at + i];
                p.weight[at + i] = next * length / ((i + 1) * one);
                next = tmp - p.weight[at + i] * zero * (last - i) / length;
            } else {
                p.weight[at + i] = p.weight[at + i] * length / (zero * (last - i));
            }
        }
        for (int i = index; i < last; i++) {
            p.feature[at + i] = p.feature[at + i + 1];
            p.zero[at + i] = p.zero[at + i + 1];
            p.one[at + i] = p.one[at + i + 1];
        }
    }

    /** Sum of the weights the path would have without element {@code index}, without changing the path. */
    private static double unwoundSum(Path p, int at, int length, int index) {
        int last = length - 1;
        double one = p.one[at + index];
        double zero = p.zero[at + index];
        double next = p.weight[at + last];
        double total = 0;
        for (int i = last - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = next * length / ((i + 1) * one);
                total += tmp;
                next = p.weight[at + i] - tmp * zero * (last - i) / length;
            } else if (zero != 0) {
                total += p.weight[at + i] / zero * length / (last - i);
            }
        }
        return total;
    }

    private double meanValue(int node) {
        if (left[node] < 0) return mean[node] = value[node];
        double c = cover[node];
        double l = meanValue(left[node]);
        double r = meanValue(right[node]);
        return mean[node] = c <= 0 ? 0 : (l * cover[left[node]] + r * cover[right[node]]) / c;
    }

    private int depth(int node) {
        if (left[node] < 0) return 0;
        return 1 + Math.max(depth(left[node]), depth(right[node]));
    }

    /** Rows for a load-time agreement check: values around the split points, plus missing values. */
    List<float[]> probeRows(int count, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            float[] x = new float[features];
            java.util.Arrays.fill(x, Float.NaN);
            for (int i = 0; i < 64; i++) { // set features from random split nodes, just below or above the split
                int n = r.nextInt(left.length);
                if (left[n] < 0) continue;
                x[splitFeature[n]] = r.nextBoolean() ? value[n] : Math.nextDown(value[n]);
            }
            rows.add(x);
        }
        return rows;
    }
}
