package market.udong.core.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import market.udong.core.config.TruncateUnit;
import org.junit.jupiter.api.Test;

class ColumnMasksTest {

    @Test
    void hash_isHmacSha256Hex_ofUtf8Bytes() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i + 1);
        }
        // Computed independently: python3 -c "import hmac,hashlib;
        //   print(hmac.new(bytes(range(1,33)),b'kim@udong.market',hashlib.sha256).hexdigest())"
        assertEquals("3991d86d8a0a3633b40fe7aa7618484b223010471f3fccf0d48df93f89ad72e7",
                new ColumnMasks(key).hash("kim@udong.market"));
    }

    @Test
    void hash_equalsJdkHmac_forShortLongAndMultiBlockValues_andKeysLongerThanABlock() throws Exception {
        for (int keyLength : new int[] {32, 64, 100}) {
            byte[] key = new byte[keyLength];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (i * 7 + 3);
            }
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            ColumnMasks masks = new ColumnMasks(key);
            for (String value : new String[] {"", "a", "김민지@udong.market", "x".repeat(55), "y".repeat(56), "z".repeat(1000)}) {
                byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                String expected = ColumnMasks.hex(mac.doFinal(bytes));
                assertEquals(expected, masks.hash(value), "key " + keyLength + ", value length " + value.length());
                assertEquals(expected, new String(masks.hashHex(bytes, 0, bytes.length), java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void hasher_equalsJdkHmac_forRandomKeysValuesAndOffsets() throws Exception {
        // GIVEN random keys (32 to 200 bytes: some longer than a SHA-256 block) and values (0 to 300 bytes)
        java.util.Random random = new java.util.Random(20261125);
        for (int k = 0; k < 60; k++) {
            byte[] key = new byte[32 + random.nextInt(169)];
            random.nextBytes(key);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            ColumnMasks masks = new ColumnMasks(key);
            ColumnMasks.Hasher hasher = masks.hasher();
            for (int v = 0; v < 100; v++) {
                // Lengths around the block boundaries (55/56, 64, 119/120, 128) come up often among 0 to 300.
                byte[] buffer = new byte[random.nextInt(301) + 20];
                random.nextBytes(buffer);
                int offset = random.nextInt(10);
                int length = random.nextInt(buffer.length - offset + 1);
                byte[] out = new byte[ColumnMasks.Hasher.HEX_LENGTH + 7];

                // WHEN the value is hashed in place into the middle of a buffer, and through the one-shot API
                hasher.hashHex(buffer, offset, length, out, 5);
                String byHasher = new String(out, 5, ColumnMasks.Hasher.HEX_LENGTH, java.nio.charset.StandardCharsets.US_ASCII);

                // THEN each equals javax.crypto.Mac's HMAC-SHA256 of the same bytes, hex-encoded
                mac.update(buffer, offset, length);
                String expected = ColumnMasks.hex(mac.doFinal());
                String where = "key " + key.length + " bytes, value " + length + " bytes";
                assertEquals(expected, byHasher, where);
                assertEquals(expected, new String(masks.hashHex(buffer, offset, length),
                        java.nio.charset.StandardCharsets.US_ASCII), where);
            }
        }
    }

    @Test
    void hasher_equalsJdkHmac_forEveryValueLengthUpToFourBlocks() throws Exception {
        // GIVEN one key and values of every length from 0 to 256 bytes (each padding case: one or two final blocks)
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        ColumnMasks masks = new ColumnMasks(key);
        byte[] out = new byte[ColumnMasks.Hasher.HEX_LENGTH];
        for (int length = 0; length <= 256; length++) {
            byte[] value = new byte[length];
            for (int i = 0; i < length; i++) {
                value[i] = (byte) (i * 31 + length);
            }

            // WHEN hashed
            masks.hasher().hashHex(value, 0, length, out, 0);

            // THEN it equals javax.crypto.Mac
            assertEquals(ColumnMasks.hex(mac.doFinal(value)), new String(out, java.nio.charset.StandardCharsets.US_ASCII),
                    "length " + length);
        }
    }

    @Test
    void fromSecretString_usesTheUtf8BytesAsKey() {
        String secret = "0123456789abcdef0123456789abcdef";
        assertEquals(new ColumnMasks(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hash("v"),
                ColumnMasks.fromSecretString(secret).hash("v"));
    }

    @Test
    void hash_refusesShortKeys() {
        assertThrows(IllegalArgumentException.class, () -> new ColumnMasks(new byte[16]));
    }

    @Test
    void maskEmail_keepsFirstCharacterAndDomain() {
        assertEquals("k***@udong.market", ColumnMasks.maskEmail("kim.minji@udong.market"));
        assertEquals("김***@udong.market", ColumnMasks.maskEmail("김민지@udong.market"));
        assertEquals(ColumnMasks.REDACTED, ColumnMasks.maskEmail("not-an-email"));
        assertNull(ColumnMasks.maskEmail(null));
    }

    @Test
    void maskPhoneAscii_equalsMaskPhone_onAsciiBytes_andDeclinesOtherText() {
        for (String phone : new String[] {"010-1234-5678", "+82 10 9876 5432", "1234", "12", "", "no digits", "(02) 555-0100"}) {
            byte[] padded = ("xx" + phone + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] masked = ColumnMasks.maskPhoneAscii(padded, 2, padded.length - 4);
            assertEquals(ColumnMasks.maskPhone(phone), new String(masked, java.nio.charset.StandardCharsets.US_ASCII), phone);
        }
        byte[] korean = "전화 010-1234-5678".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertNull(ColumnMasks.maskPhoneAscii(korean, 0, korean.length));
    }

    @Test
    void maskPhone_keepsLastFourDigitsAndSeparators() {
        assertEquals("***-****-5678", ColumnMasks.maskPhone("010-1234-5678"));
        assertEquals("+**-**-****-5678", ColumnMasks.maskPhone("+82-10-1234-5678"));
        assertEquals("123", ColumnMasks.maskPhone("123"));
    }

    @Test
    void truncate_cutsDatesAndTimestampsToTheUnit() {
        int day = (int) LocalDate.of(1990, 7, 15).toEpochDay();
        assertEquals(LocalDate.of(1990, 1, 1).toEpochDay(), ColumnMasks.truncateEpochDay(day, TruncateUnit.YEAR));
        assertEquals(LocalDate.of(1990, 7, 1).toEpochDay(), ColumnMasks.truncateEpochDay(day, TruncateUnit.MONTH));
        long micros = LocalDateTime.of(2026, 11, 25, 13, 45, 12, 123_456_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 123_456;
        long hour = LocalDateTime.of(2026, 11, 25, 13, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        assertEquals(hour, ColumnMasks.truncateMicros(micros, TruncateUnit.HOUR));
        long beforeEpoch = LocalDateTime.of(1969, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        assertEquals(LocalDateTime.of(1969, 12, 31, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L,
                ColumnMasks.truncateMicros(beforeEpoch, TruncateUnit.DAY));
    }

    @Test
    void maskEmail_withNothingBeforeTheAt_isRedacted_andKeepsOnlyTheLastDomain() {
        assertEquals(ColumnMasks.REDACTED, ColumnMasks.maskEmail("@udong.market"));
        assertEquals("a***@udong.market", ColumnMasks.maskEmail("a@b@udong.market"));
    }

    @Test
    void maskPhone_ofNull_isNull_andZeroAndNineAreDigits_slashAndColonAreNot() {
        assertNull(ColumnMasks.maskPhone(null));
        // '/' and ':' sit just outside '0'..'9' in ASCII
        assertEquals("**/**:0909", ColumnMasks.maskPhone("09/90:0909"));
        byte[] ascii = "09/90:0909".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("**/**:0909", new String(ColumnMasks.maskPhoneAscii(ascii, 0, ascii.length),
                java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void maskPhoneAscii_treatsControlBytesAsAscii() {
        // GIVEN a phone number with a NUL byte (0x00 is ASCII) WHEN masked THEN it is masked, not declined
        byte[] value = "\u0000010-1234-5678".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("\u0000***-****-5678", new String(ColumnMasks.maskPhoneAscii(value, 0, value.length),
                java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void canonical_isPlainDigitsForDecimals_andToStringOtherwise() {
        assertNull(ColumnMasks.canonical(null));
        assertEquals("1000", ColumnMasks.canonical(new java.math.BigDecimal("1E+3")));
        assertEquals("0.00012", ColumnMasks.canonical(new java.math.BigDecimal("1.2E-4")));
        assertEquals("42", ColumnMasks.canonical(42L));
        assertEquals("2026-11-25", ColumnMasks.canonical(LocalDate.of(2026, 11, 25)));
    }

    @Test
    void hash_equalsJdkHmac_whenTheJdksDigestCannotBeCloned() throws Exception {
        // GIVEN the expected HMACs, computed before a provider whose SHA-256 digests cannot be cloned comes first
        byte[] shortKey = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] longKey = new byte[100];
        for (int i = 0; i < longKey.length; i++) {
            longKey[i] = (byte) (i * 13 + 1);
        }
        String[] values = {"", "kim@udong.market", "z".repeat(200)};
        java.util.Map<String, String> expected = new java.util.HashMap<>();
        for (byte[] key : new byte[][] {shortKey, longKey}) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            for (String v : values) {
                expected.put(key.length + "/" + v, ColumnMasks.hex(mac.doFinal(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
        }
        java.security.Provider uncloneable = new UncloneableSha256Provider();
        java.security.Security.insertProviderAt(uncloneable, 1);
        try {
            assertThrows(CloneNotSupportedException.class, () -> java.security.MessageDigest.getInstance("SHA-256").clone());
            for (byte[] key : new byte[][] {shortKey, longKey}) {
                // WHEN hashed through the fallback (both pads fed on every hash), twice with the same hasher
                ColumnMasks masks = new ColumnMasks(key);
                ColumnMasks.Hasher hasher = masks.hasher();
                for (int round = 0; round < 2; round++) {
                    for (String v : values) {
                        byte[] bytes = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        byte[] out = new byte[ColumnMasks.Hasher.HEX_LENGTH];
                        hasher.hashHex(bytes, 0, bytes.length, out, 0);
                        // THEN each equals javax.crypto.Mac
                        assertEquals(expected.get(key.length + "/" + v), new String(out, java.nio.charset.StandardCharsets.US_ASCII),
                                "key " + key.length + ", value length " + v.length());
                        assertEquals(expected.get(key.length + "/" + v), masks.hash(v));
                    }
                }
            }
        } finally {
            java.security.Security.removeProvider(uncloneable.getName());
        }
    }

    /** A provider whose SHA-256 is the JDK's, behind a digest that is not {@link Cloneable}. */
    static final class UncloneableSha256Provider extends java.security.Provider {
        private static final long serialVersionUID = 1L;

        UncloneableSha256Provider() {
            super("UdongUncloneableSha256", "1.0", "SHA-256 whose digests cannot be cloned (test only)");
            putService(new java.security.Provider.Service(this, "MessageDigest", "SHA-256",
                    UncloneableSha256.class.getName(), null, null));
        }
    }

    /** The JDK's SHA-256, without {@link Cloneable}. */
    public static final class UncloneableSha256 extends java.security.MessageDigestSpi {
        private final java.security.MessageDigest real;

        public UncloneableSha256() throws java.security.GeneralSecurityException {
            this.real = java.security.MessageDigest.getInstance("SHA-256", "SUN");
        }

        @Override
        protected void engineUpdate(byte input) {
            real.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            real.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return real.digest();
        }

        @Override
        protected void engineReset() {
            real.reset();
        }

        @Override
        protected int engineGetDigestLength() {
            return 32;
        }
    }
}
