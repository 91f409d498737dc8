package market.udong.core.masking;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How the environment's HMAC key is stored in Secrets Manager, shared by every path that hashes
 * (masking Lambda, Glue jobs): the secret's {@code SecretString} is the key, and its UTF-8 bytes
 * are the HMAC key. Infra can generate such a secret without custom code (a random string of at
 * least 32 characters, e.g. CDK {@code generateSecretString} with {@code passwordLength: 64}).
 */
public final class HmacKeySecret {
    private HmacKeySecret() {
    }

    /** The HMAC key bytes of a secret string; see {@link ColumnMasks#ColumnMasks(byte[])} for the length rule. */
    public static byte[] keyBytes(String secretString) {
        Objects.requireNonNull(secretString, "secretString");
        byte[] key = secretString.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("the HMAC key secret must hold at least 32 bytes, it holds " + key.length);
        }
        return key;
    }
}
