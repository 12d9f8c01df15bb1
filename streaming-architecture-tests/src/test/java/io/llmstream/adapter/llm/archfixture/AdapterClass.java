package io.llmstream.adapter.llm.archfixture;

/** A stand-in adapter class for the rule-violation fixtures. */
public class AdapterClass {
}
