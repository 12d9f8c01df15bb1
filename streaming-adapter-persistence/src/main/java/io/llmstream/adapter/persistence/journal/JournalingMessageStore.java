package io.llmstream.adapter.persistence.journal;

import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.port.MessageStore;
import io.llmstream.core.port.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link MessageStore} that never loses a write it accepted: a save the database refuses goes to an fsync'd,
 * append-only journal under a directory of its own, and so does every later save while the journal holds anything,
 * so writes keep their order. One virtual thread replays the journal into the database, oldest first, retrying
 * until each record is stored; it also replays what a previous process left at start-up. Saves are upserts by
 * message id, so a record replayed twice after a crash is still one row. When the journal has reached its size
 * bound, a save that cannot be stored throws {@link StoreException} like the database would (the core's writer
 * then counts it dropped), and {@link #refusedWhenFull()} counts it.
 */
public final class JournalingMessageStore implements MessageStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JournalingMessageStore.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /** A database that just came back fails a write or two on connections it dropped; a refusal for good repeats. */
    private static final int REFUSALS_FOR_GOOD = 5;

    private final MessageStore database;
    private final BooleanSupplier reachable;
    private final long maxBytes;
    private final JournalFile journal;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong refusedWhenFull = new AtomicLong();
    private final Thread replayer;
    private volatile boolean closed;
    private boolean outageLogged;
    private boolean fullLogged;

    private JournalingMessageStore(MessageStore database, BooleanSupplier reachable, JournalFile journal, long maxBytes) {
        this.database = database;
        this.reachable = reachable;
        this.journal = journal;
        this.maxBytes = maxBytes;
        this.replayer = Thread.ofVirtual().name("message-journal-replay").start(this::replay);
    }

    /**
     * Opens (or creates) the journal in {@code directory} and starts replaying what it holds.
     *
     * @param reachable whether the database answers at all: a write it refuses while it answers is refused for good
     *                  (e.g. its dialogue was deleted) and is not journaled, or it would hold up every later write
     * @param maxBytes  the most bytes the journal may hold before saves that cannot be stored are refused
     */
    public static JournalingMessageStore open(MessageStore database, BooleanSupplier reachable, Path directory, long maxBytes) {
        try {
            JournalFile journal = JournalFile.open(directory);
            if (!journal.isEmpty()) {
                LOG.log(Level.INFO, "the message journal under {0} holds {1} writes from before; storing them", directory,
                        journal.pending());
            }
            return new JournalingMessageStore(database, reachable, journal, maxBytes);
        } catch (IOException e) {
            throw new StoreException("the message journal under " + directory + " cannot be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Message> recentMessages(DialogueRef dialogue, int limit) {
        return database.recentMessages(dialogue, limit);
    }

    @Override
    public void save(Message message) {
        if (!isEmpty()) {
            journal(message, null);
            return;
        }
        RuntimeException failure;
        try {
            database.save(message);
            return;
        } catch (RuntimeException e) {
            failure = e;
        }
        if (reachable.getAsBoolean()) {
            // a database that answers: once more, for a connection it dropped; a second refusal is the message's own
            try {
                database.save(message);
                return;
            } catch (RuntimeException again) {
                if (reachable.getAsBoolean()) {
                    throw again; // journaling would not make it storable, and would hold up every later write
                }
                failure = again;
            }
        }
        journal(message, failure);
    }

    /**
     * In one round trip while nothing waits in the journal; otherwise (or when the database refuses the batch) the
     * caller's one-by-one saves apply the journal's policy to each message.
     */
    @Override
    public void saveAll(List<Message> messages) {
        if (!isEmpty()) {
            messages.forEach(this::save);
            return;
        }
        database.saveAll(messages);
    }

    /** Writes accepted but not yet in the database. */
    public int backlog() {
        lock.lock();
        try {
            return journal.pending();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the journal holds. */
    public long backlogBytes() {
        lock.lock();
        try {
            return journal.backlogBytes();
        } finally {
            lock.unlock();
        }
    }

    /** Saves refused because the journal was full while the database could not take them. */
    public long refusedWhenFull() {
        return refusedWhenFull.get();
    }

    /** Waits up to {@code timeout} for the backlog to be stored; whether it was. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!journal.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        replayer.interrupt();
        try {
            replayer.join(TimeUnit.SECONDS.toMillis(5));
            lock.lock();
            try {
                if (!journal.isEmpty()) {
                    LOG.log(Level.WARNING, "{0} writes stay in the message journal; they are stored at the next start",
                            journal.pending());
                }
                journal.close();
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the message journal failed: " + e.getMessage());
        }
    }

    private boolean isEmpty() {
        lock.lock();
        try {
            return journal.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void journal(Message message, RuntimeException failure) {
        byte[] record = MessageCodec.encode(message);
        lock.lock();
        try {
            if (journal.backlogBytes() + record.length > maxBytes) {
                refusedWhenFull.incrementAndGet();
                if (!fullLogged) {
                    fullLogged = true;
                    LOG.log(Level.ERROR, "the message journal is full ({0} bytes, {1} writes); writes the database cannot "
                            + "take are now refused and counted as dropped until it drains", journal.backlogBytes(), journal.pending());
                }
                throw new StoreException("the database is unavailable and the message journal is full", failure);
            }
            journal.append(record);
            if (failure != null && !outageLogged) {
                outageLogged = true;
                LOG.log(Level.WARNING, "the database refused a write ({0}); keeping writes in the message journal until it "
                        + "takes them again", failure.getMessage());
            }
            changed.signalAll();
        } catch (IOException e) {
            refusedWhenFull.incrementAndGet(); // a full disk is a full journal: refused, counted, logged once
            if (!fullLogged) {
                fullLogged = true;
                LOG.log(Level.ERROR, "the message journal cannot be written ({0}; {1} writes kept); writes the database "
                        + "cannot take are now refused and counted as dropped until it drains", e.getMessage(), journal.pending());
            }
            throw new StoreException("the database is unavailable and the message journal cannot be written: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void replay() {
        long backoff = 50;
        int refusals = 0;
        while (!closed) {
            byte[] record;
            try {
                record = nextRecord();
            } catch (InterruptedException e) {
                return;
            }
            if (record == null) {
                continue;
            }
            try {
                database.save(MessageCodec.decode(record));
                committed(record);
                backoff = 50;
                refusals = 0;
            } catch (IOException e) {
                LOG.log(Level.ERROR, "a message journal record cannot be read; skipping it", e);
                committed(record);
            } catch (RuntimeException e) {
                refusals = reachable.getAsBoolean() ? refusals + 1 : 0;
                if (refusals >= REFUSALS_FOR_GOOD) {
                    LOG.log(Level.ERROR, "the database answers but refused a journaled write " + refusals
                            + " times; it cannot be stored", e);
                    committed(record);
                    refusals = 0;
                    continue;
                }
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private byte[] nextRecord() throws InterruptedException {
        lock.lock();
        try {
            while (journal.isEmpty() && !closed) {
                changed.await();
            }
            return closed ? null : journal.first();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "the message journal cannot be read: " + e.getMessage());
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void committed(byte[] record) {
        lock.lock();
        try {
            journal.commitFirst(record.length);
            if (journal.isEmpty()) {
                if (outageLogged) {
                    LOG.log(Level.INFO, "the message journal is stored; writing to the database directly again");
                }
                outageLogged = false;
                fullLogged = false;
            }
            changed.signalAll();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "the message journal's progress cannot be written: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Back-off between attempts while the database is away; close() interrupts it. */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
