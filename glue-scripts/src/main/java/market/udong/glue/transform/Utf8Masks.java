package market.udong.glue.transform;

import java.nio.charset.StandardCharsets;
import market.udong.core.masking.ColumnMasks;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * {@link ColumnMasks#maskEmail} and {@link ColumnMasks#maskPhone} on Spark's UTF-8 strings, called
 * directly by a query's generated code (see {@link MaskExpressions}). ASCII text, which e-mail
 * addresses and phone numbers nearly always are, is masked byte by byte: there every character
 * is one byte, the only digits are {@code 0-9} and the first code point is the first byte, so the
 * result is the core function's. Any other text is decoded and given to the core function itself.
 */
public final class Utf8Masks {
    private Utf8Masks() {
    }

    private static final byte[] STARS = "***".getBytes(StandardCharsets.US_ASCII);
    private static final UTF8String REDACTED = UTF8String.fromString(ColumnMasks.REDACTED);

    /** {@link ColumnMasks#maskEmail}: {@code kim.minji@udong.market} → {@code k***@udong.market}. */
    public static UTF8String maskEmail(UTF8String value) {
        if (!isAscii(value)) {
            return UTF8String.fromString(ColumnMasks.maskEmail(value.toString()));
        }
        Object base = value.getBaseObject();
        long offset = value.getBaseOffset();
        int length = value.numBytes();
        int at = length - 1;
        while (at >= 0 && Platform.getByte(base, offset + at) != '@') {
            at--;
        }
        if (at <= 0) {
            return REDACTED;
        }
        byte[] out = new byte[1 + STARS.length + length - at];
        out[0] = Platform.getByte(base, offset);
        System.arraycopy(STARS, 0, out, 1, STARS.length);
        Platform.copyMemory(base, offset + at, out, Platform.BYTE_ARRAY_OFFSET + 1 + STARS.length, length - at);
        return UTF8String.fromBytes(out);
    }

    /** {@link ColumnMasks#maskPhone}: every digit but the last four becomes {@code *}. */
    public static UTF8String maskPhone(UTF8String value) {
        byte[] bytes = value.getBytes();
        byte[] masked = ColumnMasks.maskPhoneAscii(bytes, 0, bytes.length);
        return masked != null ? UTF8String.fromBytes(masked) : UTF8String.fromString(ColumnMasks.maskPhone(value.toString()));
    }

    private static boolean isAscii(UTF8String value) {
        Object base = value.getBaseObject();
        long offset = value.getBaseOffset();
        for (int i = 0, n = value.numBytes(); i < n; i++) {
            if (Platform.getByte(base, offset + i) < 0) {
                return false;
            }
        }
        return true;
    }
}
