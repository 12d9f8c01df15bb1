package io.llmstream.core.model;

/** The two kinds of dialogue an answer can be streamed into. */
public enum DialogueKind {
    /** A thread with a character: persona, optional retrieval, citations. Events carry {@code threadId}. */
    CONVERSATION,
    /** A plain chat: no persona, no retrieval. Events carry {@code chatId}. */
    CHAT
}
