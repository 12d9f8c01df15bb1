package io.llmstream.adapter.persistence.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The append-only file under the journal directory: records of {@code length, CRC32C, bytes}, each forced to disk
 * before {@link #append} returns, and a second file with the offset of the first record not yet stored. A record cut
 * short by a crash fails its length or checksum and is dropped at {@link #open} with everything after it. Not
 * thread-safe: {@link JournalingMessageStore} holds its lock around every call.
 */
final class JournalFile implements AutoCloseable {

    private static final int HEADER = 8;

    private final FileChannel records;
    private final FileChannel progress;
    private long committed;
    private long end;
    private int pending;

    private JournalFile(FileChannel records, FileChannel progress, long committed, long end) throws IOException {
        this.records = records;
        this.progress = progress;
        this.committed = committed;
        this.end = end;
        for (long position = committed; position < end; pending++) {
            position += HEADER + read(records, position).length;
        }
    }

    static JournalFile open(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel records = FileChannel.open(directory.resolve("messages.journal"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel progress = FileChannel.open(directory.resolve("messages.offset"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer offset = ByteBuffer.allocate(Long.BYTES);
        long committed = progress.read(offset, 0) == Long.BYTES ? offset.flip().getLong() : 0;
        long end = validEnd(records);
        records.truncate(end);
        // a committed offset past the valid end can only follow a cut-short file: nothing after it is pending
        return new JournalFile(records, progress, committed > end ? end : committed, end);
    }

    /** Records written and not yet stored. */
    int pending() {
        return pending;
    }

    /** Bytes of records written and not yet stored. */
    long backlogBytes() {
        return end - committed;
    }

    boolean isEmpty() {
        return end == committed;
    }

    void append(byte[] record) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(record);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + record.length).putInt(record.length).putInt((int) crc.getValue())
                .put(record).flip();
        try {
            while (buffer.hasRemaining()) {
                records.write(buffer, end + buffer.position());
            }
            records.force(false);
        } catch (IOException e) {
            dropTail(e); // a disk that is full: give back what part of the record got written
            throw e;
        }
        end += HEADER + record.length;
        pending++;
    }

    private void dropTail(IOException cause) {
        try {
            records.truncate(end);
        } catch (IOException e) {
            cause.addSuppressed(e); // the bytes past the end are ignored, and dropped at the next open
        }
    }

    /** The first record not yet stored, or null. */
    byte[] first() throws IOException {
        return isEmpty() ? null : read(records, committed);
    }

    /** The first record is stored: move past it; once all are, start the file again from nothing. */
    void commitFirst(int recordLength) throws IOException {
        committed += HEADER + recordLength;
        pending--;
        if (committed == end) {
            records.truncate(0);
            records.force(false);
            committed = 0;
            end = 0;
        }
        progress.write(ByteBuffer.allocate(Long.BYTES).putLong(committed).flip(), 0);
        progress.force(false);
    }

    @Override
    public void close() throws IOException {
        try (records; progress) {
            records.force(false);
        }
    }

    private static long validEnd(FileChannel records) throws IOException {
        long position = 0;
        long size = records.size();
        while (position + HEADER <= size) {
            byte[] record = read(records, position);
            if (record == null) {
                break;
            }
            position += HEADER + record.length;
        }
        return position;
    }

    private static byte[] read(FileChannel records, long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (records.read(header, position) != HEADER) {
            return null;
        }
        header.flip();
        int length = header.getInt();
        int checksum = header.getInt();
        if (length < 0 || position + HEADER + length > records.size()) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        while (body.hasRemaining() && records.read(body, position + HEADER + body.position()) > 0) {
            // read on
        }
        CRC32C crc = new CRC32C();
        crc.update(body.array());
        return (int) crc.getValue() == checksum ? body.array() : null;
    }
}
