package market.udong.core.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Lower-case, hyphenated identifiers used in YAML for enum values. */
final class Ids {
    private Ids() {
    }

    static <E extends Enum<E> & HasId> E parse(Class<E> type, String id) {
        for (E value : type.getEnumConstants()) {
            if (value.id().equals(id)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not one of " + allowed(type));
    }

    static <E extends Enum<E> & HasId> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(HasId::id).collect(Collectors.joining(", "));
    }

    /** An enum whose YAML spelling is {@link #id()}. */
    interface HasId {
        String id();
    }
}
