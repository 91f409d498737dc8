package market.udong.core.masking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import market.udong.core.config.TruncateUnit;

/**
 * The value-level masking functions of every column policy (shared/DESIGN.md section 5).
 * The masking Lambda and the Spark jobs both call these, so the same input gives the same
 * output on every ingestion path. All functions return null for a null input.
 *
 * <p>Instances are thread-safe; one per HMAC key. Hashing is RFC 2104 HMAC-SHA256 (same output
 * as {@code javax.crypto.Mac} "HmacSHA256") with the JDK's SHA-256, which runs on the CPU's SHA
 * instructions in C2-compiled code: the Spark jobs and the masking function (SnapStart, under
 * which the Lambda runtime leaves tiered compilation on) both compile with C2.
 * Bulk callers take a {@link Hasher} and write digests straight into their own buffers.
 */
public final class ColumnMasks {

    /** What {@code redact} writes in place of a value. */
    public static final String REDACTED = "[REDACTED]";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final byte[] HEX_ASCII = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The two hex digits of every byte value, at {@code 2 * (b & 0xFF)}. */
    private static final byte[] HEX_PAIRS = new byte[512];

    static {
        for (int b = 0; b < 256; b++) {
            HEX_PAIRS[2 * b] = HEX_ASCII[b >>> 4];
            HEX_PAIRS[2 * b + 1] = HEX_ASCII[b & 0xF];
        }
    }

    private static final int BLOCK = 64;

    private final byte[] innerPad;
    private final byte[] outerPad;
    private final ThreadLocal<Hasher> hashers = ThreadLocal.withInitial(this::hasher);

    /** @param hmacKey the environment's hashing key (from Secrets Manager); at least 32 bytes */
    public ColumnMasks(byte[] hmacKey) {
        Objects.requireNonNull(hmacKey, "hmacKey");
        if (hmacKey.length < 32) {
            throw new IllegalArgumentException("the HMAC key must have at least 32 bytes, got " + hmacKey.length);
        }
        byte[] key = hmacKey.length > BLOCK ? sha256().digest(hmacKey) : hmacKey;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        this.innerPad = ipad;
        this.outerPad = opad;
    }

    /**
     * The masks of a key kept in Secrets Manager as a SecretString: the key is the string's UTF-8
     * bytes (at least 32). Every path reads the secret this way, so pseudonyms match across paths.
     */
    public static ColumnMasks fromSecretString(String secret) {
        Objects.requireNonNull(secret, "secret");
        return new ColumnMasks(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of the value's UTF-8 bytes, as 64 lower-case hex characters. */
    public String hash(String value) {
        return value == null ? null : hash(value.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of raw bytes, as 64 lower-case hex characters. */
    public String hash(byte[] value) {
        return value == null ? null : new String(hashHex(value, 0, value.length), StandardCharsets.US_ASCII);
    }

    /**
     * HMAC-SHA256 of {@code value[offset, offset+length)} as 64 lower-case ASCII hex bytes: the
     * UTF-8 bytes of {@link #hash(String)}'s result, without building strings (the Parquet
     * masker hashes encoded values directly).
     */
    public byte[] hashHex(byte[] value, int offset, int length) {
        byte[] out = new byte[Hasher.HEX_LENGTH];
        hashers.get().hashHex(value, offset, length, out, 0);
        return out;
    }

    /** A new {@link Hasher} of this key, for one thread. */
    public Hasher hasher() {
        return new Hasher(innerPad, outerPad);
    }

    /**
     * {@link ColumnMasks#hashHex} without allocation, for one thread at a time (not thread-safe):
     * each call reuses the same digest and scratch buffers.
     */
    public static final class Hasher {
        /** Length of a hex digest: 64 ASCII bytes. */
        public static final int HEX_LENGTH = 64;

        private final byte[] innerPad;
        private final byte[] outerPad;
        /** Digests that have absorbed the inner and the outer pad; each hash starts from clones of them. */
        private final MessageDigest innerAbsorbed;
        private final MessageDigest outerAbsorbed;
        /** Fed both pads on every hash, only where the JDK's digest cannot be cloned. */
        private final MessageDigest digest;
        private final byte[] mac = new byte[32];

        private Hasher(byte[] innerPad, byte[] outerPad) {
            this.innerPad = innerPad;
            this.outerPad = outerPad;
            this.innerAbsorbed = absorbed(innerPad);
            this.outerAbsorbed = innerAbsorbed == null ? null : absorbed(outerPad);
            this.digest = innerAbsorbed != null ? null : sha256();
        }

        /**
         * A digest that has absorbed one pad block, or null when the JDK's digest cannot be cloned.
         * Starting from clones of these saves two of the four block compressions of an HMAC over
         * a short value (1.4 to 1.7 times faster on the JDK's SHA instructions).
         */
        private static MessageDigest absorbed(byte[] pad) {
            MessageDigest d = sha256();
            d.update(pad);
            try {
                d.clone();
                return d;
            } catch (CloneNotSupportedException e) {
                return null;
            }
        }

        /**
         * Writes the HMAC-SHA256 of {@code value[offset, offset+length)} as {@value #HEX_LENGTH}
         * lower-case ASCII hex bytes into {@code out[outOffset, outOffset+64)}.
         */
        public void hashHex(byte[] value, int offset, int length, byte[] out, int outOffset) {
            try {
                if (innerAbsorbed != null) {
                    MessageDigest inner = (MessageDigest) innerAbsorbed.clone();
                    inner.update(value, offset, length);
                    inner.digest(mac, 0, mac.length);
                    MessageDigest outer = (MessageDigest) outerAbsorbed.clone();
                    outer.update(mac);
                    outer.digest(mac, 0, mac.length);
                } else {
                    digest.update(innerPad);
                    digest.update(value, offset, length);
                    digest.digest(mac, 0, mac.length);
                    digest.update(outerPad);
                    digest.update(mac);
                    digest.digest(mac, 0, mac.length);
                }
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("SHA-256 digest did not fit 32 bytes", e);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the SHA-256 digest could be cloned once and now cannot", e);
            }
            for (int i = 0; i < mac.length; i++) {
                int pair = 2 * (mac[i] & 0xFF);
                out[outOffset + 2 * i] = HEX_PAIRS[pair];
                out[outOffset + 2 * i + 1] = HEX_PAIRS[pair + 1];
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The text a non-string value is hashed as, so every path hashes the same bytes:
     * integers in decimal, decimals as plain strings without exponent, dates as ISO-8601.
     */
    public static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    /** {@code kim.minji@udong.market} → {@code k***@udong.market}; text without {@code @} is redacted. */
    public static String maskEmail(String value) {
        if (value == null) {
            return null;
        }
        int at = value.lastIndexOf('@');
        if (at <= 0) {
            return REDACTED;
        }
        return value.substring(0, value.offsetByCodePoints(0, 1)) + "***" + value.substring(at);
    }

    /**
     * {@link #maskPhone} on the UTF-8 bytes {@code value[offset, offset+length)} when they are all
     * ASCII (the usual phone number: there the only digits are {@code 0-9}), as a new array; null
     * when a byte is not ASCII, for the caller to decode and use {@link #maskPhone}. Lets the
     * Parquet masker and the Spark job mask without building strings.
     */
    public static byte[] maskPhoneAscii(byte[] value, int offset, int length) {
        int digits = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = value[i];
            if (b < 0) {
                return null;
            }
            if (b >= '0' && b <= '9') {
                digits++;
            }
        }
        byte[] out = java.util.Arrays.copyOfRange(value, offset, offset + length);
        for (int i = 0, seen = 0; i < length && seen < digits - 4; i++) {
            if (out[i] >= '0' && out[i] <= '9') {
                out[i] = '*';
                seen++;
            }
        }
        return out;
    }

    /** Every digit but the last four becomes {@code *}; separators stay: {@code ***-****-5678}. */
    public static String maskPhone(String value) {
        if (value == null) {
            return null;
        }
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        char[] out = value.toCharArray();
        int seen = 0;
        for (int i = 0; i < out.length; i++) {
            if (Character.isDigit(out[i]) && ++seen <= digits - 4) {
                out[i] = '*';
            }
        }
        return new String(out);
    }

    /** Truncates a day count since 1970-01-01 (Parquet DATE) to the unit. */
    public static int truncateEpochDay(int epochDay, TruncateUnit unit) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        LocalDate t = switch (unit) {
            case YEAR -> d.withDayOfYear(1);
            case MONTH -> d.withDayOfMonth(1);
            case DAY, HOUR -> d;
        };
        return (int) t.toEpochDay();
    }

    /** Truncates microseconds since the epoch (Parquet TIMESTAMP(MICROS)) to the unit, on the UTC calendar. */
    public static long truncateMicros(long epochMicros, TruncateUnit unit) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                (int) Math.floorMod(epochMicros, 1_000_000L) * 1000, ZoneOffset.UTC);
        LocalDateTime cut = switch (unit) {
            case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
        };
        Instant i = cut.toInstant(ZoneOffset.UTC);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
