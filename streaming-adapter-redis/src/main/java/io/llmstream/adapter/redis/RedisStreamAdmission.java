package io.llmstream.adapter.redis;

import io.lettuce.core.ScriptOutputType;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.port.StreamAdmission;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream caps and the one answer per dialogue for every node on one Redis. A place is a member of two sorted
 * sets (all places, the owner's places) scored with the Redis time its node's lease on it lapses; a dialogue's turn
 * is a key holding the answering stream's id, expiring like a lease. This node renews what it holds with its stream
 * leases; what a node that died held lapses with them and is no longer counted. Every key carries the hash tag
 * {@code {admission}}: the checks are one script each, valid on a Redis Cluster too (on one slot there).
 */
final class RedisStreamAdmission implements StreamAdmission {

    private static final System.Logger LOG = System.getLogger(RedisStreamAdmission.class.getName());

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;
    // KEYS: all places, the owner's places. ARGV: lease ms, per owner max, total max, place. 0 taken, 1 owner full, 2 all full.
    private static final String ADMIT = NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return 1 end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 2 end
            for i = 1, 2 do
              redis.call('ZADD', KEYS[i], now + tonumber(ARGV[1]), ARGV[4])
              redis.call('PEXPIRE', KEYS[i], ARGV[1])
            end
            return 0
            """;
    // KEYS: all places, then an owner's places per place. ARGV: lease ms, then the places. Renews only places still there.
    private static final String RENEW_PLACES = NOW + """
            local lapses = now + tonumber(ARGV[1])
            for i = 2, #KEYS do
              redis.call('ZADD', KEYS[1], 'XX', lapses, ARGV[i])
              redis.call('ZADD', KEYS[i], 'XX', lapses, ARGV[i])
              redis.call('PEXPIRE', KEYS[i], ARGV[1])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 0
            """;
    // KEYS: all places, the owner's places. ARGV: place.
    private static final String RELEASE = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 0
            """;
    // KEYS: turn. ARGV: stream, lease ms. Returns the stream holding the turn, or nil when it is now this one's.
    private static final String CLAIM_TURN = """
            local held = redis.call('GET', KEYS[1])
            if held and held ~= ARGV[1] then return held end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return false
            """;
    // KEYS: turns. ARGV: lease ms, then the streams holding them. Renews only turns still held by those streams.
    private static final String RENEW_TURNS = """
            for i = 1, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[i + 1] then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
            end
            return 0
            """;
    // KEYS: turn. Returns the stream holding it, or nil.
    private static final String TURN_HOLDER = "return redis.call('GET', KEYS[1])";
    // KEYS: turn. ARGV: stream.
    private static final String END_TURN = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final Scripts scripts;
    private final String prefix;
    private final String nodeId;
    private final String lease;
    private final Map<String, String> places = new ConcurrentHashMap<>();
    private final Map<DialogueRef, UUID> turns = new ConcurrentHashMap<>();

    RedisStreamAdmission(RedisEngine engine, RedisStreamLeases leases) {
        this.scripts = new Scripts(engine.shared().async());
        this.prefix = engine.keys().prefix() + "{admission}:";
        this.nodeId = engine.settings().nodeId();
        this.lease = String.valueOf(engine.settings().lease().toMillis());
        leases.renewWith(this::renew);
    }

    @Override
    public Admission admit(String owner, int perOwnerMax, int totalMax) {
        String place = nodeId + ":" + UUID.randomUUID();
        long answer = RedisStreamEventLog.<Long>await(scripts.run(ADMIT, ScriptOutputType.INTEGER, new String[] {all(), owned(owner)},
                lease, String.valueOf(perOwnerMax), String.valueOf(totalMax), place), "take a place for a stream");
        if (answer == 1) {
            return new Admission.OwnerAtCap(perOwnerMax);
        }
        if (answer == 2) {
            return new Admission.AllAtCap(totalMax);
        }
        places.put(place, owner);
        return new Admission.Admitted(() -> release(place));
    }

    /** Waits for Redis, so that a stream started right after this one ended finds the place free on any node. */
    private void release(String place) {
        String owner = places.remove(place);
        if (owner == null) {
            return;
        }
        try {
            RedisStreamEventLog.await(scripts.run(RELEASE, ScriptOutputType.INTEGER, new String[] {all(), owned(owner)}, place),
                    "give a stream's place back");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e.getMessage() + "; the place lapses with this node's lease instead");
        }
    }

    @Override
    public Optional<UUID> claimTurn(DialogueRef dialogue, UUID streamId) {
        String held = RedisStreamEventLog.await(scripts.<String>run(CLAIM_TURN, ScriptOutputType.VALUE, new String[] {turn(dialogue)},
                streamId.toString(), lease), "claim the turn of " + dialogue);
        if (held != null) {
            return Optional.of(UUID.fromString(held));
        }
        turns.put(dialogue, streamId);
        return Optional.empty();
    }

    @Override
    public Optional<UUID> turnHolder(DialogueRef dialogue) {
        String held = RedisStreamEventLog.await(scripts.<String>run(TURN_HOLDER, ScriptOutputType.VALUE, new String[] {turn(dialogue)}),
                "read the turn of " + dialogue);
        return Optional.ofNullable(held).map(UUID::fromString);
    }

    @Override
    public void endTurn(DialogueRef dialogue, UUID streamId) {
        if (turns.remove(dialogue, streamId)) {
            RedisStreamEventLog.await(scripts.run(END_TURN, ScriptOutputType.INTEGER, new String[] {turn(dialogue)}, streamId.toString()),
                    "give the turn of " + dialogue + " back");
        }
    }

    /** Called with the stream leases' renewal, on their thread. */
    private void renew() {
        List<String> keys = new ArrayList<>(List.of(all()));
        List<String> args = new ArrayList<>(List.of(lease));
        places.forEach((place, owner) -> {
            keys.add(owned(owner));
            args.add(place);
        });
        if (keys.size() > 1) {
            RedisStreamEventLog.await(scripts.run(RENEW_PLACES, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                    args.toArray(String[]::new)), "renew the places of streams");
        }
        keys.clear();
        args.subList(1, args.size()).clear();
        turns.forEach((dialogue, streamId) -> {
            keys.add(turn(dialogue));
            args.add(streamId.toString());
        });
        if (!keys.isEmpty()) {
            RedisStreamEventLog.await(scripts.run(RENEW_TURNS, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                    args.toArray(String[]::new)), "renew the turns of dialogues");
        }
    }

    private String all() {
        return prefix + "places";
    }

    private String owned(String owner) {
        return prefix + "places:" + owner;
    }

    private String turn(DialogueRef dialogue) {
        return prefix + "turn:" + dialogue.kind() + ":" + dialogue.id();
    }
}
