package io.llmstream.adapter.rag.lucene;

import io.llmstream.adapter.rag.language.TextLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/** An analyzer per {@link TextLanguage}: a passage is analysed in the language it was detected in. */
final class Analyzers {

    private static final String COMPOUND_PARTS = "german-compound-parts.txt";
    private static final int MIN_WORD_SIZE = 6;
    private static final int MIN_SUBWORD_SIZE = 3;
    private static final int MAX_SUBWORD_SIZE = 15;

    private Analyzers() {
    }

    static Analyzer of(TextLanguage language) {
        return switch (language) {
            case ENGLISH -> english();
            case GERMAN -> german();
        };
    }

    static Analyzer english() {
        return new EnglishAnalyzer();
    }

    /**
     * GermanAnalyzer's chain (stop words, normalisation of umlauts, light stemming) with compound splitting in
     * front: "Haustürschlüssel" also yields "haus", "tür", "schlüssel". The dictionary is a shipped list of
     * frequent nouns: Lucene's hyphenation-based splitter would need the OFFO grammar files, which Lucene does
     * not ship for licence reasons.
     */
    static Analyzer german() {
        CharArraySet parts = compoundParts();
        CharArraySet stopWords = GermanAnalyzer.getDefaultStopSet();
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(source);
                stream = new DictionaryCompoundWordTokenFilter(stream, parts, MIN_WORD_SIZE, MIN_SUBWORD_SIZE,
                        MAX_SUBWORD_SIZE, true);
                stream = new StopFilter(stream, stopWords);
                stream = new GermanNormalizationFilter(stream);
                stream = new GermanLightStemFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new GermanNormalizationFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** The analyzer for indexing: each language's text field with its analyzer, identifiers untouched. */
    static Analyzer perField() {
        Map<String, Analyzer> fields = new HashMap<>();
        for (TextLanguage language : TextLanguage.values()) {
            fields.put(ChunkFields.textField(language), of(language));
        }
        fields.put(ChunkFields.TITLE_EN, english());
        fields.put(ChunkFields.TITLE_DE, german());
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), fields);
    }

    private static CharArraySet compoundParts() {
        try (InputStream in = Analyzers.class.getResourceAsStream(COMPOUND_PARTS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + COMPOUND_PARTS);
            }
            List<String> words = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
            return CharArraySet.unmodifiableSet(new CharArraySet(words, true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COMPOUND_PARTS, e);
        }
    }
}
