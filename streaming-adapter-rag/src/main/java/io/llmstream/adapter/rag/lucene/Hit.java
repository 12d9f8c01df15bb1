package io.llmstream.adapter.rag.lucene;

/** A Lucene document in one ranked list of a first-stage search, with that list's score. */
record Hit(int doc, double score) {
}
