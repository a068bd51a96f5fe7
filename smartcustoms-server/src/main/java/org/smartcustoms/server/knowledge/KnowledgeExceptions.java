package org.smartcustoms.server.knowledge;

/** Exceptions of the knowledge services, answered as problem+json by {@link KnowledgeProblems}. */
final class KnowledgeExceptions {
    private KnowledgeExceptions() { }

    /** 404: no such entry, ticket or conversation (also for a conversation of another user). */
    static final class NotFound extends RuntimeException {
        NotFound(String message) { super(message); }
    }

    /** 409: e.g. a ticket answered already, an entry edited meanwhile. */
    static final class Conflict extends RuntimeException {
        Conflict(String message) { super(message); }
    }

    /** 503: the classifier is still loading. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) { super(message); }
    }
}
