package dev.nautilus.bus.redis.bridge;

/**
 * The one script the bridge runs on the target Redis per entry: the copy and the checkpoint in one
 * atomic step, so an entry is copied once even when the bridge dies between copying it and
 * acknowledging it on the source (after a restart it reads that entry again; the checkpoint says it
 * is there already).
 *
 * <p>KEYS: the target stream, the checkpoint hash. ARGV: the source stream (the hash field), the
 * source entry id, the approximate MAXLEN, then the entry's field/value pairs.
 */
final class MirrorScript {

    static final String TEXT = """
            local last = redis.call('HGET', KEYS[2], ARGV[1])
            if last then
              local lm, ls = string.match(last, '^(%d+)-(%d+)$')
              local im, is = string.match(ARGV[2], '^(%d+)-(%d+)$')
              lm, ls, im, is = tonumber(lm), tonumber(ls), tonumber(im), tonumber(is)
              if im < lm or (im == lm and is <= ls) then return 0 end
            end
            local args = {KEYS[1], 'MAXLEN', '~', ARGV[3], '*'}
            for i = 4, #ARGV do args[#args + 1] = ARGV[i] end
            redis.call('XADD', unpack(args))
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            return 1
            """;

    private MirrorScript() {}
}
