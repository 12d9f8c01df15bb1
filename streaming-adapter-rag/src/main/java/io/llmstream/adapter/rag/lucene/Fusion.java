package io.llmstream.adapter.rag.lucene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: each list adds {@code 1 / (K + rank)} for every document it holds. Ranks, not
 * scores, because BM25's and the vectors' scales have nothing in common, and the rank survives a query
 * rewritten into another language whose BM25 scores are on yet another scale.
 */
final class Fusion {

    /** The constant of Cormack et al. (2009); it damps the weight of the very first ranks. */
    static final int K = 60;

    private Fusion() {
    }

    /** The union of the lists, best first; ties keep the order of first appearance (BM25's lists come first). */
    static List<Fused> fuse(List<List<Hit>> lists) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (List<Hit> list : lists) {
            for (int rank = 0; rank < list.size(); rank++) {
                scores.merge(list.get(rank).doc(), 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<Map.Entry<Integer, Double>> sorted = new ArrayList<>(scores.entrySet());
        sorted.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder()));
        List<Fused> fused = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            fused.add(new Fused(sorted.get(i).getKey(), sorted.get(i).getValue(), i + 1));
        }
        return fused;
    }

    /** A document of the union with its fused score and 1-based rank. */
    record Fused(int doc, double score, int rank) {
    }
}
