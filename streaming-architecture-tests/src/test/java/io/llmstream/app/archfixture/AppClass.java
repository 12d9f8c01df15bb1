package io.llmstream.app.archfixture;

/** A stand-in app class for the rule-violation fixtures. */
public class AppClass {
}
